import type { Schemas } from '@agora/client';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api } from '../../api/client';
import { asProblem, fieldErrors, type Problem } from '../../api/problem';
import { Skeleton } from '../../ui/BlurhashImage';
import { TextField } from '../../ui/Field';
import { PageHeading, RequireSignIn } from '../../ui/page';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { useQuery } from '../../ui/use-query';
import { formatMoney } from '../../ui/format';
import './market.css';

type AddressInput = Schemas['AddressInputDto'];
type Address = Schemas['AddressDto'];
type Checkout = Schemas['CheckoutRequestDto'];
type PaymentChoice = 'cash_on_delivery' | 'test_card';

const EMPTY_ADDRESS: AddressInput = { line1: '', city: '', postalCode: '', country: '' };
const NEW_ADDRESS = 'new';

function addressLine(address: Address): string {
  return [
    address.label,
    address.recipient,
    address.line1,
    address.line2,
    address.city,
    address.postalCode,
    address.country,
  ]
    .filter(Boolean)
    .join(', ');
}

/** A blank optional field is left out rather than sent empty. */
function trimmed(address: AddressInput): AddressInput {
  const optional = (value: string | null | undefined): string | null =>
    value && value.trim() !== '' ? value.trim() : null;
  return {
    line1: address.line1.trim(),
    city: address.city.trim(),
    postalCode: address.postalCode.trim(),
    country: address.country.trim().toUpperCase(),
    line2: optional(address.line2),
    region: optional(address.region),
    recipient: optional(address.recipient),
    phone: optional(address.phone),
  };
}

function CheckoutForm(): ReactNode {
  const { t } = useTranslation('market');
  const navigate = useNavigate();
  const cart = useQuery('cart', () => api.GET('/cart'));
  const addresses = useQuery('addresses', () =>
    api.GET('/addresses', { params: { query: { limit: 50, sort: '-createdAt' } } }),
  );
  const saved = addresses.data?.items ?? [];
  const [addressChoice, setAddressChoice] = useState<string | undefined>(undefined);
  const chosenAddress = addressChoice ?? saved[0]?.id ?? NEW_ADDRESS;
  const [address, setAddress] = useState<AddressInput>(EMPTY_ADDRESS);
  const [saveAddress, setSaveAddress] = useState(true);
  const [payment, setPayment] = useState<PaymentChoice>('test_card');
  const [card, setCard] = useState({ number: '', expMonth: '', expYear: '', cvc: '' });
  const [problem, setProblem] = useState<Problem | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const errors = fieldErrors(problem);

  const fail = (error: unknown): void => {
    setProblem(asProblem(error));
    setBusy(false);
  };

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setBusy(true);
    setProblem(undefined);
    const request: Checkout = { paymentMethod: payment };
    if (chosenAddress === NEW_ADDRESS) {
      const input = trimmed(address);
      if (saveAddress) {
        const answer = await api.POST('/addresses', { body: input });
        if (!answer.data) {
          return fail(answer.error);
        }
        request.addressId = answer.data.id;
        addresses.reload();
      } else {
        request.address = input;
      }
    } else {
      request.addressId = chosenAddress;
    }
    if (payment === 'test_card') {
      // The test provider's tokenization (what a provider's script does in the page): the number never reaches orders.
      const token = await api.POST('/payments/test-provider/tokens', {
        body: {
          number: card.number.replace(/\s+/g, ''),
          expMonth: Number(card.expMonth),
          expYear: Number(card.expYear),
          cvc: card.cvc.trim(),
        },
      });
      if (!token.data) {
        return fail(token.error);
      }
      request.cardToken = token.data.token;
    }
    const placed = await api.POST('/order', {
      params: { header: { 'Idempotency-Key': crypto.randomUUID() } },
      body: request,
    });
    if (!placed.data) {
      return fail(placed.error);
    }
    const orders = placed.data.orders;
    void navigate(orders.length === 1 && orders[0] ? `/orders/${orders[0].id}` : '/orders');
  };

  if (!cart.data || !addresses.data) {
    return cart.loading || addresses.loading ? (
      <Skeleton />
    ) : (
      <ProblemMessage problem={cart.problem ?? addresses.problem} />
    );
  }
  if (cart.data.lines.length === 0) {
    return (
      <section className="card">
        <p>{t('checkout.emptyCart')}</p>
        <Link to="/listings">{t('cart.browse')}</Link>
      </section>
    );
  }
  const setAddressField =
    (key: keyof AddressInput) =>
    (event: { target: { value: string } }): void =>
      setAddress((current) => ({ ...current, [key]: event.target.value }));
  const setCardField =
    (key: keyof typeof card) =>
    (event: { target: { value: string } }): void =>
      setCard((current) => ({ ...current, [key]: event.target.value }));
  const addressError = (field: keyof AddressInput): string | undefined =>
    errors[`address.${field}`] ?? errors[field];

  return (
    <form className="market-checkout" onSubmit={(event) => void submit(event)} noValidate>
      <section className="card" aria-labelledby="checkout-summary">
        <h2 id="checkout-summary">{t('checkout.summary')}</h2>
        <ul className="market-totals">
          {cart.data.lines.map((line) => (
            <li key={line.id}>
              {line.title} × {line.quantity}: {formatMoney(line.lineTotal)}
            </li>
          ))}
        </ul>
        <p>
          <strong>{t('cart.total')}:</strong> {cart.data.totals.map(formatMoney).join(' + ')}
        </p>
        {cart.data.needsReview && (
          <p className="field__error">
            {t('cart.needsReview')} <Link to="/cart">{t('cart.title')}</Link>
          </p>
        )}
      </section>
      <fieldset className="card market-fieldset">
        <legend>{t('checkout.address')}</legend>
        {saved.map((entry) => (
          <label key={entry.id} className="market-choice">
            <input
              type="radio"
              name="address"
              value={entry.id}
              checked={chosenAddress === entry.id}
              onChange={() => setAddressChoice(entry.id)}
            />
            {addressLine(entry)}
          </label>
        ))}
        {saved.length > 0 && (
          <label className="market-choice">
            <input
              type="radio"
              name="address"
              value={NEW_ADDRESS}
              checked={chosenAddress === NEW_ADDRESS}
              onChange={() => setAddressChoice(NEW_ADDRESS)}
            />
            {t('checkout.newAddress')}
          </label>
        )}
        {errors['addressId'] && <p className="field__error">{errors['addressId']}</p>}
        {chosenAddress === NEW_ADDRESS && (
          <div className="market-form__grid">
            <TextField
              label={t('checkout.line1')}
              value={address.line1}
              required
              autoComplete="address-line1"
              error={addressError('line1')}
              onChange={setAddressField('line1')}
            />
            <TextField
              label={t('checkout.line2')}
              value={address.line2 ?? ''}
              autoComplete="address-line2"
              error={addressError('line2')}
              onChange={setAddressField('line2')}
            />
            <TextField
              label={t('checkout.city')}
              value={address.city}
              required
              autoComplete="address-level2"
              error={addressError('city')}
              onChange={setAddressField('city')}
            />
            <TextField
              label={t('checkout.region')}
              value={address.region ?? ''}
              autoComplete="address-level1"
              error={addressError('region')}
              onChange={setAddressField('region')}
            />
            <TextField
              label={t('checkout.postalCode')}
              value={address.postalCode}
              required
              autoComplete="postal-code"
              error={addressError('postalCode')}
              onChange={setAddressField('postalCode')}
            />
            <TextField
              label={t('checkout.country')}
              hint={t('checkout.countryHint')}
              value={address.country}
              required
              maxLength={2}
              autoComplete="country"
              error={addressError('country')}
              onChange={setAddressField('country')}
            />
            <TextField
              label={t('checkout.recipient')}
              value={address.recipient ?? ''}
              autoComplete="name"
              error={addressError('recipient')}
              onChange={setAddressField('recipient')}
            />
            <TextField
              label={t('checkout.phone')}
              type="tel"
              value={address.phone ?? ''}
              autoComplete="tel"
              error={addressError('phone')}
              onChange={setAddressField('phone')}
            />
            <label className="market-choice">
              <input
                type="checkbox"
                checked={saveAddress}
                onChange={(event) => setSaveAddress(event.target.checked)}
              />
              {t('checkout.saveAddress')}
            </label>
          </div>
        )}
      </fieldset>
      <fieldset className="card market-fieldset">
        <legend>{t('checkout.payment')}</legend>
        <label className="market-choice">
          <input
            type="radio"
            name="payment"
            checked={payment === 'test_card'}
            onChange={() => setPayment('test_card')}
          />
          {t('checkout.card')}
        </label>
        <label className="market-choice">
          <input
            type="radio"
            name="payment"
            checked={payment === 'cash_on_delivery'}
            onChange={() => setPayment('cash_on_delivery')}
          />
          {t('checkout.cash')}
        </label>
        {payment === 'test_card' && (
          <div className="market-form__grid">
            <TextField
              label={t('checkout.cardNumber')}
              hint={t('checkout.cardHint')}
              value={card.number}
              inputMode="numeric"
              autoComplete="cc-number"
              required
              error={errors['number'] ?? errors['cardToken']}
              onChange={setCardField('number')}
            />
            <TextField
              label={t('checkout.expMonth')}
              value={card.expMonth}
              inputMode="numeric"
              autoComplete="cc-exp-month"
              maxLength={2}
              required
              error={errors['expMonth']}
              onChange={setCardField('expMonth')}
            />
            <TextField
              label={t('checkout.expYear')}
              value={card.expYear}
              inputMode="numeric"
              autoComplete="cc-exp-year"
              maxLength={4}
              required
              error={errors['expYear']}
              onChange={setCardField('expYear')}
            />
            <TextField
              label={t('checkout.cvc')}
              value={card.cvc}
              inputMode="numeric"
              autoComplete="cc-csc"
              maxLength={4}
              required
              error={errors['cvc']}
              onChange={setCardField('cvc')}
            />
          </div>
        )}
      </fieldset>
      <ProblemMessage problem={problem} />
      <button type="submit" className="button" disabled={busy}>
        {busy ? t('checkout.placing') : t('checkout.placeOrder')}
      </button>
    </form>
  );
}

/** Checkout of the cart: a saved or new address, cash or a card through the test provider, then the order. */
export function CheckoutPage(): ReactNode {
  const { t } = useTranslation('market');
  return (
    <RequireSignIn>
      <div className="market">
        <PageHeading title={t('checkout.title')} />
        <CheckoutForm />
      </div>
    </RequireSignIn>
  );
}
