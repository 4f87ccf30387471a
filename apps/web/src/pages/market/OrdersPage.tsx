import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { useSession } from '../../api/session';
import { ListFooter } from '../../ui/ListFooter';
import { PageHeading, RequireSignIn } from '../../ui/page';
import { usePagedList } from '../../ui/use-paged-list';
import { formatDateTime, formatMoney } from '../../ui/format';
import type { Order } from './order-status';
import { canSell } from './sellers';
import './market.css';

type Part = 'buyer' | 'seller';

function OrderList({ part }: { readonly part: Part }): ReactNode {
  const { t } = useTranslation('market');
  const list = usePagedList<Order>(`orders:${part}`, (cursor) =>
    api.GET('/orders', {
      params: { query: { as: part, sort: '-createdAt', limit: 20, ...(cursor ? { cursor } : {}) } },
    }),
  );
  return (
    <>
      <ul className="market-lines">
        {list.items.map((order) => (
          <li key={order.id} className="card">
            <div className="row market-line">
              <p className="market-line__title">
                <Link to={`/orders/${order.id}`}>
                  {t('orders.order', { date: formatDateTime(order.createdAt) })}
                </Link>
              </p>
              <p className={`market-order-status market-order-status--${order.status}`}>
                {t(`orderStatus.${order.status}`)}
              </p>
              <p className="market-line__total">{formatMoney(order.total)}</p>
            </div>
            <p className="muted">
              {order.lines.map((line) => line.title).join(', ')} ·{' '}
              {t('orders.lines', { count: order.lines.length })} · {t(`payment.${order.paymentMethod}`)}
            </p>
          </li>
        ))}
      </ul>
      <ListFooter list={list} />
    </>
  );
}

/** The caller's orders: as buyer, and for sellers the orders to fulfil (`?as=seller`). */
export function OrdersPage(): ReactNode {
  const { t } = useTranslation('market');
  const { account } = useSession();
  const [params] = useSearchParams();
  const seller = canSell(account);
  const part: Part = seller && params.get('as') === 'seller' ? 'seller' : 'buyer';
  return (
    <RequireSignIn>
      <div className="market">
        <PageHeading title={t('orders.title')} />
        {seller && (
          <nav className="row market-tabs" aria-label={t('orders.title')}>
            <Link to="/orders" aria-current={part === 'buyer' ? 'page' : undefined}>
              {t('orders.asBuyer')}
            </Link>
            <Link to="/orders?as=seller" aria-current={part === 'seller' ? 'page' : undefined}>
              {t('orders.asSeller')}
            </Link>
          </nav>
        )}
        <section aria-labelledby="orders-part">
          <h2 id="orders-part">{part === 'seller' ? t('orders.asSeller') : t('orders.asBuyer')}</h2>
          <OrderList key={part} part={part} />
        </section>
      </div>
    </RequireSignIn>
  );
}
