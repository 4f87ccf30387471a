/** The home pages' strings. Russian mirrors English key for key (the type makes a missing one an error). */
export const en = {
  title: 'Home',
  welcome: 'Welcome to Agora',
  intro:
    'Agora is where coffee lovers and watch collectors meet: rate coffees and watches, check in what you tried, follow people whose taste you trust, and buy or sell gear on the marketplace.',
  register: 'Create an account',
  signIn: 'Sign in',
  feed: 'Your feed',
  feedEmpty: 'Your feed is empty: follow people or write the first post.',
  newCoffees: 'New coffees',
  newListings: 'New on the marketplace',
  topCoffees: 'Top-rated coffees',
  topWatches: 'Top-rated watches',
  score: '{{score}} ★ from {{count}} ratings',
  price: '{{price}} {{currency}}',
  allCoffees: 'All coffees',
  allListings: 'All listings',
};

export const ru: typeof en = {
  title: 'Главная',
  welcome: 'Добро пожаловать в Агору',
  intro:
    'Агора — место встречи любителей кофе и коллекционеров часов: оценивайте кофе и часы, отмечайте, что попробовали, подписывайтесь на людей, чьему вкусу доверяете, покупайте и продавайте на барахолке.',
  register: 'Создать аккаунт',
  signIn: 'Войти',
  feed: 'Ваша лента',
  feedEmpty: 'Лента пуста: подпишитесь на кого-нибудь или напишите первую запись.',
  newCoffees: 'Новый кофе',
  newListings: 'Новое на барахолке',
  topCoffees: 'Лучший кофе по оценкам',
  topWatches: 'Лучшие часы по оценкам',
  score: '{{score}} ★, оценок: {{count}}',
  price: '{{price}} {{currency}}',
  allCoffees: 'Весь кофе',
  allListings: 'Все объявления',
};
