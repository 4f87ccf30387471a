import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, ifMatch } from '../../api/client';
import { asProblem, type Problem } from '../../api/problem';
import { useSession } from '../../api/session';
import { Skeleton } from '../../ui/BlurhashImage';
import { TextField } from '../../ui/Field';
import { PageHeading, RequireSignIn } from '../../ui/page';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { useQuery } from '../../ui/use-query';
import { formatDateTime, formatMoney } from '../../ui/format';
import { ProfileLink } from './ProfileLink';
import { cancellable, sellerNextStatus, type Order, type OrderStatus } from './order-status';
import './market.css';

/** How often an unpaid card order is read again while the provider's webhook is on its way. */
const PAYMENT_POLL_MS = 1_500;

function Timeline({ order }: { readonly order: Order }): ReactNode {
  const { t } = useTranslation('market');
  return (
    <section className="card" aria-labelledby="order-timeline">
      <h2 id="order-timeline">{t('order.timeline')}</h2>
      <ol className="market-timeline">
        {(order.transitions ?? []).map((step, index) => (
          <li key={`${step.at}-${index}`}>
            <strong>{t(`orderStatus.${step.to}`)}</strong>{' '}
            <time dateTime={step.at}>{formatDateTime(step.at)}</time>{' '}
            <span className="muted">({t(`order.by.${step.actorRole}`)})</span>
            {step.reason && <p className="muted">{t('order.reason', { reason: step.reason })}</p>}
          </li>
        ))}
      </ol>
    </section>
  );
}

function Payments({
  orderId,
  status,
}: {
  readonly orderId: string;
  readonly status: OrderStatus;
}): ReactNode {
  const { t } = useTranslation('market');
  const payments = useQuery(`payments:${orderId}:${status}`, () =>
    api.GET('/orders/{id}/payments', { params: { path: { id: orderId } } }),
  );
  if (!payments.data || payments.data.length === 0) {
    return null;
  }
  return (
    <section className="card" aria-labelledby="order-payments">
      <h2 id="order-payments">{t('order.payments')}</h2>
      <ul className="market-totals">
        {payments.data.map((payment) => (
          <li key={payment.id}>
            {t('order.paymentLine', {
              brand: payment.card.brand,
              last4: payment.card.last4,
              status: t(`order.paymentStatus.${payment.status}`),
            })}{' '}
            {formatMoney(payment.amount)}
            {payment.failure && <p className="field__error">{payment.failure.message}</p>}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The seller's (or an admin's) next step, and cancelling for either side while it has not shipped. */
function Actions({ order, onChanged }: { readonly order: Order; readonly onChanged: () => void }): ReactNode {
  const { t } = useTranslation('market');
  const { account } = useSession();
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<Problem | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const isSeller = account?.id === order.sellerId || account?.role === 'admin';
  const isBuyer = account?.id === order.buyerId;
  const next = isSeller ? sellerNextStatus(order) : undefined;
  const canCancel = (isSeller || isBuyer) && cancellable(order);
  if (!next && !canCancel) {
    return null;
  }

  const move = async (status: OrderStatus): Promise<void> => {
    setBusy(true);
    setProblem(undefined);
    const { data, error } = await api.POST('/orders/{id}/status', {
      params: { path: { id: order.id }, header: { 'If-Match': ifMatch(order.version) } },
      body: { status, ...(status === 'cancelled' && reason.trim() ? { reason: reason.trim() } : {}) },
    });
    setBusy(false);
    if (data) {
      onChanged();
      setReason('');
    } else {
      setProblem(asProblem(error));
    }
  };

  return (
    <section className="card" aria-labelledby="order-actions">
      <h2 id="order-actions">{t('order.actions')}</h2>
      <ProblemMessage problem={problem} />
      <div className="stack">
        {next && (
          <button type="button" className="button" disabled={busy} onClick={() => void move(next)}>
            {t('order.moveTo', { status: t(`orderStatus.${next}`) })}
          </button>
        )}
        {canCancel && (
          <div className="row market-cancel">
            <TextField
              label={t('order.cancelReason')}
              value={reason}
              maxLength={500}
              onChange={(event) => setReason(event.target.value)}
            />
            <button
              type="button"
              className="button button--secondary"
              disabled={busy}
              onClick={() => void move('cancelled')}
            >
              {t('order.cancel')}
            </button>
          </div>
        )}
      </div>
    </section>
  );
}

function OrderView({ id }: { readonly id: string }): ReactNode {
  const { t } = useTranslation('market');
  const order = useQuery(`order:${id}`, () => api.GET('/orders/{id}', { params: { path: { id } } }));
  const data = order.data;
  const awaitingPayment = data?.status === 'created' && data.paymentMethod === 'test_card';
  const { reload } = order;
  useEffect(() => {
    if (!awaitingPayment) {
      return;
    }
    const timer = setInterval(reload, PAYMENT_POLL_MS);
    return () => clearInterval(timer);
  }, [awaitingPayment, reload]);

  if (!data) {
    return order.loading ? (
      <Skeleton lines={6} />
    ) : (
      <>
        <PageHeading title={t('order.title')} />
        <ProblemMessage problem={order.problem} />
      </>
    );
  }
  const { address } = data;
  return (
    <>
      <PageHeading title={t('orders.order', { date: formatDateTime(data.createdAt) })}>
        <p className="market-order-heading">
          {t('order.status')}:{' '}
          <strong
            className={`market-order-status market-order-status--${data.status}`}
            data-testid="order-status"
          >
            {t(`orderStatus.${data.status}`)}
          </strong>
        </p>
      </PageHeading>
      {awaitingPayment && (
        <p role="status" className="muted">
          {t('order.awaitingPayment')}
        </p>
      )}
      <div className="market-listing__layout">
        <div className="stack">
          <Timeline order={data} />
          <section className="card" aria-labelledby="order-items">
            <h2 id="order-items">{t('order.items')}</h2>
            <ul className="market-totals">
              {data.lines.map((line) => (
                <li key={line.itemId}>
                  {line.kind === 'listing' ? (
                    <Link to={`/listings/${line.itemId}`}>{line.title}</Link>
                  ) : (
                    line.title
                  )}{' '}
                  × {line.quantity}: {formatMoney(line.lineTotal)}
                </li>
              ))}
            </ul>
            <p>
              <strong>{t('order.total')}:</strong> {formatMoney(data.total)}
            </p>
          </section>
        </div>
        <aside className="stack">
          <Actions order={data} onChanged={reload} />
          <section className="card" aria-labelledby="order-address">
            <h2 id="order-address">{t('order.address')}</h2>
            <address>
              {[
                address.recipient,
                address.line1,
                address.line2,
                address.city,
                address.region,
                address.postalCode,
                address.country,
              ]
                .filter(Boolean)
                .join(', ')}
              {address.phone && <p>{address.phone}</p>}
            </address>
            <p>
              {t('order.payment')}: {t(`payment.${data.paymentMethod}`)}
            </p>
            <p>
              {t('order.buyer')}: <ProfileLink userId={data.buyerId} />
            </p>
            <p>
              {t('order.seller')}:{' '}
              {data.sellerId ? (
                <Link to={`/profiles/${data.sellerId}`}>{t('order.seller')}</Link>
              ) : (
                t('order.shop')
              )}
            </p>
          </section>
          {data.paymentMethod === 'test_card' && <Payments orderId={data.id} status={data.status} />}
        </aside>
      </div>
    </>
  );
}

/** One order: its status, the timeline of every move, lines, address, payments, and the moves the caller may make. */
export function OrderPage(): ReactNode {
  const { id = '' } = useParams();
  return (
    <RequireSignIn>
      <div className="market">
        <OrderView key={id} id={id} />
      </div>
    </RequireSignIn>
  );
}
