import type { Schemas } from '@agora/client';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, ifMatch } from '../../api/client';
import { asProblem, type Problem } from '../../api/problem';
import { Skeleton } from '../../ui/BlurhashImage';
import { PageHeading, RequireSignIn } from '../../ui/page';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { useQuery } from '../../ui/use-query';
import { formatMoney } from '../../ui/format';
import './market.css';

type CartLine = Schemas['CartLineDto'];

function itemLink(line: CartLine): string | undefined {
  return line.kind === 'listing' ? `/listings/${line.itemId}` : undefined;
}

/** A line's quantity: typed freely, sent when it leaves the field or Enter is pressed (1–99). */
function QuantityInput({
  label,
  quantity,
  disabled,
  onCommit,
}: {
  readonly label: string;
  readonly quantity: number;
  readonly disabled: boolean;
  readonly onCommit: (quantity: number) => void;
}): ReactNode {
  const [text, setText] = useState(String(quantity));
  useEffect(() => setText(String(quantity)), [quantity]);
  const commit = (): void => {
    const next = Number(text);
    if (Number.isInteger(next) && next >= 1 && next <= 99 && next !== quantity) {
      onCommit(next);
    } else {
      setText(String(quantity));
    }
  };
  return (
    <input
      className="market-line__quantity"
      type="number"
      min={1}
      max={99}
      value={text}
      disabled={disabled}
      aria-label={label}
      onChange={(event) => setText(event.target.value)}
      onBlur={commit}
      onKeyDown={(event) => {
        if (event.key === 'Enter') {
          commit();
        }
      }}
    />
  );
}

function Cart(): ReactNode {
  const { t } = useTranslation('market');
  const cart = useQuery('cart', () => api.GET('/cart'));
  const [problem, setProblem] = useState<Problem | undefined>(undefined);
  const [busy, setBusy] = useState<string | undefined>(undefined);

  const run = async (lineId: string, call: () => Promise<{ error?: unknown }>): Promise<void> => {
    setBusy(lineId);
    setProblem(undefined);
    const { error } = await call();
    if (error !== undefined) {
      setProblem(asProblem(error));
    }
    setBusy(undefined);
    cart.reload();
  };

  const setQuantity = (line: CartLine, quantity: number): Promise<void> =>
    run(line.id, () =>
      api.PATCH('/cart/{id}', {
        params: { path: { id: line.id }, header: { 'If-Match': ifMatch(line.version) } },
        body: { quantity },
      }),
    );
  const remove = (line: CartLine): Promise<void> =>
    run(line.id, () =>
      api.DELETE('/cart/{id}', {
        params: { path: { id: line.id }, header: { 'If-Match': ifMatch(line.version) } },
      }),
    );

  if (!cart.data) {
    return cart.loading ? <Skeleton /> : <ProblemMessage problem={cart.problem} />;
  }
  const { lines, totals, needsReview } = cart.data;
  if (lines.length === 0) {
    return (
      <section className="card">
        <p>{t('cart.empty')}</p>
        <Link to="/listings">{t('cart.browse')}</Link>
      </section>
    );
  }
  return (
    <div className="stack">
      <ProblemMessage problem={problem} />
      <ul className="market-lines">
        {lines.map((line) => {
          const href = itemLink(line);
          return (
            <li
              key={line.id}
              className={line.available && !line.priceChanged ? 'card' : 'card market-line--warn'}
            >
              <div className="row market-line">
                <p className="market-line__title">
                  {href ? <Link to={href}>{line.title}</Link> : line.title}
                </p>
                <p>
                  {formatMoney(line.unitPrice)}{' '}
                  {line.priceChanged && (
                    <span className="muted">
                      {t('cart.wasPrice', { price: formatMoney(line.seenUnitPrice) })}
                    </span>
                  )}
                </p>
                <QuantityInput
                  label={t('cart.quantity', { title: line.title })}
                  quantity={line.quantity}
                  disabled={busy === line.id}
                  onCommit={(quantity) => void setQuantity(line, quantity)}
                />
                <p className="market-line__total">{formatMoney(line.lineTotal)}</p>
                <button
                  type="button"
                  className="link-button"
                  disabled={busy === line.id}
                  onClick={() => void remove(line)}
                >
                  {t('cart.remove', { title: line.title })}
                </button>
              </div>
              {line.unavailableReason && (
                <p className="field__error">{t(`cart.unavailable.${line.unavailableReason}`)}</p>
              )}
              {line.priceChanged && line.available && (
                <p className="row">
                  <span>{t('cart.priceChanged')}</span>
                  <button
                    type="button"
                    className="button button--secondary"
                    disabled={busy === line.id}
                    onClick={() => void setQuantity(line, line.quantity)}
                  >
                    {t('cart.acceptPrice')}
                  </button>
                </p>
              )}
            </li>
          );
        })}
      </ul>
      <section className="card" aria-labelledby="cart-total">
        <h2 id="cart-total">{t('cart.total')}</h2>
        <ul className="market-totals">
          {totals.map((total) => (
            <li key={total.currency}>{formatMoney(total)}</li>
          ))}
        </ul>
        {needsReview && <p className="field__error">{t('cart.needsReview')}</p>}
        <div className="row">
          {needsReview ? (
            <span className="button market-button--disabled" aria-disabled="true">
              {t('cart.checkout')}
            </span>
          ) : (
            <Link className="button" to="/checkout">
              {t('cart.checkout')}
            </Link>
          )}
          <button
            type="button"
            className="button button--secondary"
            onClick={() => void run('all', () => api.DELETE('/cart'))}
          >
            {t('cart.clear')}
          </button>
        </div>
      </section>
    </div>
  );
}

/** The cart: lines with the price now (and the one seen), availability, quantities, removal and totals. */
export function CartPage(): ReactNode {
  const { t } = useTranslation('market');
  return (
    <RequireSignIn>
      <div className="market">
        <PageHeading title={t('cart.title')} />
        <Cart />
      </div>
    </RequireSignIn>
  );
}
