import { STATUS_CODES } from 'node:http';
import type { Language } from './language.js';
import type { ProblemDetails } from './problem-details.js';

/**
 * The problem catalogue in every language besides English (issue 17): one title per HTTP status, one detail
 * per error code, for the codes of every domain (libs and services) and the codes of errors raised without
 * one (`NOT_FOUND`, `INTERNAL_ERROR`…). English is what the code raised (its own detail, more specific than
 * a catalogue line); `code` is never translated. A code missing here keeps its English detail
 * (apps/platform/src/problem-messages.spec.ts keeps the catalogue complete).
 */
type OtherLanguage = Exclude<Language, 'en'>;

export const PROBLEM_TITLES: Readonly<Record<number, Readonly<Record<OtherLanguage, string>>>> = {
  400: { ru: 'Неверный запрос', es: 'Solicitud incorrecta' },
  401: { ru: 'Требуется вход', es: 'No autorizado' },
  403: { ru: 'Доступ запрещён', es: 'Prohibido' },
  404: { ru: 'Не найдено', es: 'No encontrado' },
  405: { ru: 'Метод не поддерживается', es: 'Método no permitido' },
  409: { ru: 'Конфликт', es: 'Conflicto' },
  412: { ru: 'Условие не выполнено', es: 'Precondición fallida' },
  413: { ru: 'Слишком большой запрос', es: 'Contenido demasiado grande' },
  414: { ru: 'Слишком длинный адрес', es: 'URI demasiado larga' },
  415: { ru: 'Неподдерживаемый тип содержимого', es: 'Tipo de contenido no admitido' },
  422: { ru: 'Невозможно обработать', es: 'Entidad no procesable' },
  429: { ru: 'Слишком много запросов', es: 'Demasiadas solicitudes' },
  500: { ru: 'Внутренняя ошибка сервера', es: 'Error interno del servidor' },
  502: { ru: 'Ошибка шлюза', es: 'Puerta de enlace incorrecta' },
  503: { ru: 'Сервис недоступен', es: 'Servicio no disponible' },
};

export const PROBLEM_DETAILS: Readonly<Record<string, Readonly<Record<OtherLanguage, string>>>> = {
  ACCESS_TOKEN_EXPIRED: {
    ru: 'Срок действия токена доступа истёк; обновите его.',
    es: 'El token de acceso ha caducado; renuévelo.',
  },
  ACCESS_TOKEN_REVOKED: {
    ru: 'Сеанс этого токена доступа завершён.',
    es: 'La sesión de este token de acceso ha terminado.',
  },
  ACCOUNT_CONFLICT: {
    ru: 'Этот адрес электронной почты или логин только что заняли; повторите попытку.',
    es: 'El correo o el usuario se acaba de ocupar; inténtelo de nuevo.',
  },
  ACCOUNT_LINK_REQUIRED: {
    ru: 'Аккаунт с этой почтой уже есть; войдите в него и привяжите провайдера по linkToken.',
    es: 'Ya existe una cuenta con este correo; inicie sesión y vincule el proveedor con linkToken.',
  },
  ADDRESS_NOT_FOUND: {
    ru: 'В вашей адресной книге нет такого адреса.',
    es: 'No hay ninguna dirección con este id en su libreta.',
  },
  ADDRESS_REQUIRED: {
    ru: 'Оформление заказа принимает ровно одно из полей address и addressId.',
    es: 'El pedido necesita exactamente uno de address y addressId.',
  },
  ADMINS_ONLY: {
    ru: 'Это могут только администраторы.',
    es: 'Solo los administradores pueden hacer esto.',
  },
  ALREADY_REVIEWED: {
    ru: 'Вы уже оставили отзыв на это объявление.',
    es: 'Ya ha reseñado este anuncio.',
  },
  ALREADY_SELLER: {
    ru: 'Вы уже продавец.',
    es: 'Ya es vendedor.',
  },
  AUTHENTICATION_REQUIRED: {
    ru: 'Нужен токен доступа: войдите в систему.',
    es: 'Esta ruta necesita un token de acceso: inicie sesión.',
  },
  BAD_REQUEST: {
    ru: 'Запрос не удаётся обработать.',
    es: 'No se puede procesar la solicitud.',
  },
  BAD_URL: {
    ru: 'Адрес запроса не удаётся разобрать.',
    es: 'No se puede decodificar la URL.',
  },
  BARCODE_TAKEN: {
    ru: 'У другого кофе уже есть этот штрихкод.',
    es: 'Otro café ya tiene este código de barras.',
  },
  BLOCKED: {
    ru: 'Один из пользователей заблокировал другого.',
    es: 'Uno de los dos usuarios ha bloqueado al otro.',
  },
  CANNOT_BUY_OWN: {
    ru: 'Продавец не может купить собственное объявление.',
    es: 'Un vendedor no puede comprar su propio anuncio.',
  },
  CANNOT_FOLLOW_SELF: {
    ru: 'Нельзя подписаться на себя, заблокировать или скрыть себя.',
    es: 'No puede seguirse, bloquearse ni silenciarse a sí mismo.',
  },
  CANNOT_MESSAGE_SELF: {
    ru: 'Личный чат возможен только между двумя разными пользователями.',
    es: 'Un chat directo es entre dos usuarios distintos.',
  },
  CANNOT_REPORT_SELF: {
    ru: 'Продавец не может пожаловаться на себя.',
    es: 'Un vendedor no puede denunciarse a sí mismo.',
  },
  CARD_EXPIRED: {
    ru: 'Срок действия карты истёк.',
    es: 'La tarjeta ha caducado.',
  },
  CARD_NUMBER_INVALID: {
    ru: 'Это не тестовая карта платёжного провайдера.',
    es: 'El número no es una de las tarjetas de prueba del proveedor.',
  },
  CARD_TOKEN_INVALID: {
    ru: 'Этот токен карты не выдавал платёжный провайдер.',
    es: 'El proveedor de pagos no emitió este token de tarjeta.',
  },
  CART_CHANGED: {
    ru: 'Цены или позиции корзины изменились; прочитайте корзину заново.',
    es: 'Las líneas del carrito cambiaron de precio o desaparecieron; vuelva a leer el carrito.',
  },
  CART_EMPTY: {
    ru: 'Корзина пуста.',
    es: 'El carrito está vacío.',
  },
  CART_FULL: {
    ru: 'В корзине уже максимум разных товаров.',
    es: 'El carrito ya tiene tantos artículos distintos como admite.',
  },
  CART_LINE_NOT_FOUND: {
    ru: 'В вашей корзине нет такой позиции.',
    es: 'No hay ninguna línea con este id en su carrito.',
  },
  CATEGORY_EXISTS: {
    ru: 'Категория с таким названием уже есть.',
    es: 'Ya existe una categoría con este nombre.',
  },
  CATEGORY_NOT_FOUND: {
    ru: 'Такой категории нет.',
    es: 'No existe esa categoría.',
  },
  CHAT_NOT_FOUND: {
    ru: 'Нет чата с этим id, в который вы можете войти.',
    es: 'No hay ningún chat con este id al que pueda entrar.',
  },
  CHECKIN_NOT_FOUND: {
    ru: 'Такого чекина нет.',
    es: 'No existe ese check-in.',
  },
  COFFEE_NOT_FOUND: {
    ru: 'Такого кофе нет.',
    es: 'No existe ese café.',
  },
  COMMENT_NOT_FOUND: {
    ru: 'Такого комментария нет.',
    es: 'No existe ese comentario.',
  },
  COMMENT_TOO_DEEP: {
    ru: 'Отвечать можно только на комментарии первого уровня.',
    es: 'Solo se responde a comentarios de primer nivel.',
  },
  CSRF_TOKEN_MISMATCH: {
    ru: 'Сеанс по cookie не прислал CSRF-токен в X-CSRF-Token.',
    es: 'Una sesión con cookie no envió su token CSRF en X-CSRF-Token.',
  },
  DECK_ALREADY_SUBSCRIBED: {
    ru: 'Эта колода из каталога у вас уже есть.',
    es: 'Ya tiene este mazo del catálogo.',
  },
  DECK_NOT_FOUND: {
    ru: 'Нет такой колоды, доступной вам.',
    es: 'No hay ningún mazo con este id que pueda ver.',
  },
  DICTIONARY_VALUE_EXISTS: {
    ru: 'В справочнике уже есть значение с таким названием.',
    es: 'El diccionario ya tiene un valor con este nombre.',
  },
  DICTIONARY_VALUE_IN_USE: {
    ru: 'Значение используется; удалите его с replaceWith.',
    es: 'El valor está en uso; elimínelo con replaceWith.',
  },
  DICTIONARY_VALUE_NOT_FOUND: {
    ru: 'В этом справочнике нет такого значения.',
    es: 'No existe ese valor en este diccionario.',
  },
  DRAFT_CONFLICT: {
    ru: 'Карточка изменилась (или удалена) после того, как был написан черновик.',
    es: 'El artículo cambió (o se eliminó) después de escribir el borrador.',
  },
  DRAFT_NOT_FOUND: {
    ru: 'Такого черновика нет (или он чужой).',
    es: 'No existe ese borrador (o es de otra persona).',
  },
  DRAFT_NOT_OPEN: {
    ru: 'Черновик уже закрыт для этого действия.',
    es: 'El borrador ya no está abierto para esto.',
  },
  DRAFT_NO_LONGER_APPLIES: {
    ru: 'То, на что ссылается черновик, изменилось после его написания.',
    es: 'Aquello a lo que se refiere el borrador cambió después de escribirlo.',
  },
  DUPLICATE_ITEM: {
    ru: 'Товар указан в заказе дважды.',
    es: 'Un artículo aparece dos veces en el pedido.',
  },
  EMAIL_NOT_VERIFIED: {
    ru: 'Адрес электронной почты аккаунта не подтверждён.',
    es: 'La cuenta no ha confirmado su correo electrónico.',
  },
  EMAIL_TAKEN: {
    ru: 'Другой аккаунт уже использует этот адрес электронной почты.',
    es: 'Otra cuenta ya tiene este correo electrónico.',
  },
  EMPTY_FLASHCARD: {
    ru: 'Карточке нужны лицевая и оборотная стороны или текст с пропусками.',
    es: 'Una tarjeta necesita anverso y reverso, o texto con huecos.',
  },
  EMPTY_MESSAGE: {
    ru: 'В сообщении нужен текст.',
    es: 'El mensaje necesita texto.',
  },
  EMPTY_POST: {
    ru: 'В посте нужен текст или хотя бы одно фото.',
    es: 'Una publicación necesita texto o al menos una foto.',
  },
  EMPTY_TEXT: {
    ru: 'После очистки текст пуст.',
    es: 'El texto queda vacío después de sanearlo.',
  },
  FAVOURITE_NOT_FOUND: {
    ru: 'Этого объявления нет в вашем избранном.',
    es: 'Ese anuncio no está entre sus favoritos.',
  },
  FLASHCARD_NOT_DUE: {
    ru: 'Карточку ещё рано повторять: её только что повторили.',
    es: 'La tarjeta aún no toca repasarla: se acaba de repasar.',
  },
  FLASHCARD_NOT_FOUND: {
    ru: 'Нет такой карточки в ваших колодах.',
    es: 'No hay ninguna tarjeta con este id en sus mazos.',
  },
  FLASHCARD_TEXT_TOO_LONG: {
    ru: 'Текст карточки или колоды длиннее допустимого.',
    es: 'El texto de la tarjeta o del mazo supera su límite.',
  },
  FOLLOW_REQUEST_NOT_FOUND: {
    ru: 'От этого пользователя нет ожидающей заявки на подписку.',
    es: 'No hay ninguna solicitud de seguimiento pendiente de este usuario.',
  },
  FORBIDDEN_ROLE: {
    ru: 'Для этого нужна другая роль.',
    es: 'Esta ruta necesita otro rol.',
  },
  GENERATED_DECK_CARD: {
    ru: 'Карточки этой колоды берутся из каталога; скопируйте колоду, чтобы менять их.',
    es: 'Las tarjetas de este mazo vienen del catálogo; copie el mazo para cambiarlas.',
  },
  GENERATED_DECK_NOT_FOUND: {
    ru: 'Нет колоды из каталога с таким ключом (coffee-origins, soviet-calibres).',
    es: 'No hay ningún mazo del catálogo con esta clave (coffee-origins, soviet-calibres).',
  },
  GOAL_ALREADY_ACCEPTED: {
    ru: 'Цель уже принята: её план создан и больше не редактируется.',
    es: 'El objetivo ya fue aceptado: su plan está creado y ya no se edita.',
  },
  GOAL_DEADLINE_OUT_OF_RANGE: {
    ru: 'Срок должен быть позже сегодняшнего дня и не дальше пяти лет.',
    es: 'La fecha límite debe ser posterior a hoy y dentro de cinco años.',
  },
  GOAL_NOT_FOUND: {
    ru: 'У вас нет такой цели.',
    es: 'No tiene ese objetivo.',
  },
  GOAL_PLAN_INVALID: {
    ru: 'План не сходится (поля расписания, пустой план); поле указано в errors.',
    es: 'El plan no encaja (campos del horario, plan vacío); errors indica el campo.',
  },
  HABIT_ARCHIVED: {
    ru: 'Привычка в архиве: отметки и заморозки не принимаются.',
    es: 'El hábito está archivado: no admite registros ni congelaciones.',
  },
  HABIT_CHECKIN_NOT_FOUND: {
    ru: 'У привычки нет отметки или заморозки в этот день.',
    es: 'El hábito no tiene registro ni congelación en ese día.',
  },
  HABIT_DATE_OUT_OF_RANGE: {
    ru: 'Дата в будущем или раньше начала привычки (в её часовом поясе).',
    es: 'La fecha es futura o anterior al inicio del hábito (en su zona horaria).',
  },
  HABIT_DAY_CHECKED_IN: {
    ru: 'В этот день уже есть отметка; заморозка не нужна.',
    es: 'Ese día ya tiene un registro; no necesita congelación.',
  },
  HABIT_EMPTY_TITLE: {
    ru: 'У привычки должно быть название.',
    es: 'El hábito necesita un título.',
  },
  HABIT_FREEZE_LIMIT: {
    ru: 'На этой неделе у привычки уже есть заморозка (одна в неделю).',
    es: 'El hábito ya tiene una congelación esta semana (una por semana).',
  },
  HABIT_FREEZE_NOT_AHEAD: {
    ru: 'Заморозку планируют заранее: на сегодня или на один из следующих 30 дней.',
    es: 'La congelación se planifica: para hoy o uno de los próximos 30 días.',
  },
  HABIT_INVALID_DATE: {
    ru: 'Это не календарная дата (ГГГГ-ММ-ДД).',
    es: 'No es una fecha de calendario (AAAA-MM-DD).',
  },
  HABIT_INVALID_SCHEDULE: {
    ru: 'Для weekly нужно timesPerWeek, для weekdays — weekdays, для daily — ни то, ни другое.',
    es: 'weekly requiere timesPerWeek, weekdays requiere weekdays y daily ninguno de los dos.',
  },
  HABIT_INVALID_TARGET: {
    ru: 'Числовой привычке нужна цель на день; привычка «да/нет» не принимает цель и единицу.',
    es: 'Un hábito numérico necesita un objetivo diario; un hábito sí/no no admite objetivo ni unidad.',
  },
  HABIT_INVALID_TIME_ZONE: {
    ru: 'Это не часовой пояс IANA (например, Europe/Moscow).',
    es: 'No es una zona horaria IANA (por ejemplo, Europe/Moscow).',
  },
  HABIT_NOT_FOUND: {
    ru: 'Среди ваших привычек нет привычки с этим id.',
    es: 'No hay ningún hábito suyo con este id.',
  },
  HABIT_TEXT_TOO_LONG: {
    ru: 'Текст длиннее допустимого после очистки.',
    es: 'El texto supera su límite tras depurarlo.',
  },
  HABIT_VALUE_NOT_ALLOWED: {
    ru: 'Отметка привычки «да/нет» не принимает значение.',
    es: 'El registro de un hábito sí/no no admite valor.',
  },
  HABIT_VALUE_REQUIRED: {
    ru: 'Отметке числовой привычки нужно значение.',
    es: 'El registro de un hábito numérico necesita un valor.',
  },
  IDEMPOTENCY_KEY_REUSED: {
    ru: 'Этот Idempotency-Key уже использован с другим телом запроса.',
    es: 'Este Idempotency-Key se usó con otro cuerpo de solicitud.',
  },
  IDENTITY_LINKED_ELSEWHERE: {
    ru: 'Этот аккаунт провайдера привязан к другому аккаунту.',
    es: 'Esta cuenta del proveedor está vinculada a otra cuenta.',
  },
  IDENTITY_NOT_FOUND: {
    ru: 'Аккаунт этого провайдера не привязан.',
    es: 'No hay ninguna cuenta de este proveedor vinculada.',
  },
  ILLEGAL_TRANSITION: {
    ru: 'Из текущего состояния заказа туда не перейти.',
    es: 'El estado actual del pedido no lleva allí.',
  },
  IMAGE_TOO_LARGE: {
    ru: 'В изображении больше пикселей, чем допускается.',
    es: 'La imagen tiene más píxeles de los admitidos.',
  },
  IMPORT_FEED_INVALID: {
    ru: 'Фид импорта — не CSV с заголовком и не строки JSON.',
    es: 'El feed de importación no es CSV con cabecera ni filas JSON.',
  },
  IMPORT_FEED_TOO_LARGE: {
    ru: 'Фид импорта больше допустимого размера или числа строк.',
    es: 'El feed de importación supera el tamaño o el número de filas admitidos.',
  },
  IMPORT_SOURCE_FAILED: {
    ru: 'По адресу импорта не нашлось фида.',
    es: 'La URL de importación no devolvió un feed.',
  },
  IMPORT_SOURCE_NOT_ALLOWED: {
    ru: 'Адрес импорта должен быть http(s) на разрешённом хосте.',
    es: 'La URL de importación debe ser http(s) en un host permitido.',
  },
  INTERNAL_ERROR: {
    ru: 'Непредвиденная ошибка; при обращении укажите requestId.',
    es: 'Ha ocurrido un error inesperado; cite el requestId al informar de él.',
  },
  INVALID_ACCESS_TOKEN: {
    ru: 'Токен доступа (или заголовок Authorization) недействителен.',
    es: 'El token de acceso (o la cabecera Authorization) no es válido.',
  },
  INVALID_CHARACTERS: {
    ru: 'В параметре или поле есть символ NUL или непарный суррогат.',
    es: 'Un parámetro o campo contiene un carácter NUL o un sustituto sin pareja.',
  },
  INVALID_CLOZE: {
    ru: 'В тексте с пропусками нужны пропуски {{cN::ответ}} (N от 1 до 50) с непустым ответом.',
    es: 'El texto con huecos necesita huecos {{cN::respuesta}} (N de 1 a 50) con respuesta no vacía.',
  },
  INVALID_CONTENT_LENGTH: {
    ru: 'Content-Length не совпадает с телом запроса.',
    es: 'Content-Length no coincide con el cuerpo.',
  },
  INVALID_CREDENTIALS: {
    ru: 'Неверный логин или пароль.',
    es: 'El usuario o la contraseña no son correctos.',
  },
  INVALID_GRADE: {
    ru: 'Оценка — одна из again, hard, good, easy.',
    es: 'La nota es una de again, hard, good, easy.',
  },
  INVALID_IDEMPOTENCY_KEY: {
    ru: 'Idempotency-Key — от 1 до 255 видимых символов ASCII.',
    es: 'Idempotency-Key debe tener de 1 a 255 caracteres ASCII visibles.',
  },
  INVALID_IF_MATCH: {
    ru: 'If-Match — это список тегов сущности вида "3" или *.',
    es: 'If-Match debe ser una lista de etiquetas como "3", o *.',
  },
  INVALID_LINK_TOKEN: {
    ru: 'Токен привязки неизвестен, использован или просрочен.',
    es: 'El token de vinculación es desconocido, está usado o ha caducado.',
  },
  INVALID_LIST_QUERY: {
    ru: 'Неверный запрос списка; errors называет каждый параметр.',
    es: 'La consulta de lista no es válida; errors nombra cada parámetro.',
  },
  INVALID_MULTIPART: {
    ru: 'Не удаётся прочитать тело multipart.',
    es: 'No se puede leer el cuerpo multipart.',
  },
  INVALID_REFRESH_TOKEN: {
    ru: 'Токен обновления недействителен.',
    es: 'El token de renovación no es válido.',
  },
  INVALID_REPLACEMENT: {
    ru: 'Значение не может заменить само себя.',
    es: 'Un valor no puede reemplazarse a sí mismo.',
  },
  INVALID_RESET_TOKEN: {
    ru: 'Токен сброса неизвестен, использован или просрочен.',
    es: 'El token de restablecimiento es desconocido, está usado o ha caducado.',
  },
  INVALID_SCOPE: {
    ru: 'Параметр as принимает buyer, seller или all.',
    es: 'El parámetro as admite buyer, seller o all.',
  },
  INVALID_SOCKET_EVENT: {
    ru: 'Данные события сокета не соответствуют схеме.',
    es: 'Los datos del evento del socket no encajan en su esquema.',
  },
  INVALID_STATUS_TRANSITION: {
    ru: 'Текущий статус объявления не допускает такого перехода.',
    es: 'El estado del anuncio no permite este cambio.',
  },
  INVALID_VERIFICATION_CODE: {
    ru: 'Неверная почта или код.',
    es: 'El correo o el código no son correctos.',
  },
  ITEM_NOT_FOUND: {
    ru: 'Нет такого товара с этим id.',
    es: 'No hay ningún artículo de este tipo con este id.',
  },
  ITEM_UNAVAILABLE: {
    ru: 'Товар сейчас не продаётся.',
    es: 'El artículo no está a la venta ahora.',
  },
  JSON_TOO_DEEP: {
    ru: 'В теле JSON слишком глубокая вложенность.',
    es: 'El cuerpo JSON anida demasiado.',
  },
  LAST_SIGN_IN_METHOD: {
    ru: 'Это единственный способ входа; сначала задайте пароль.',
    es: 'El proveedor es la única forma de entrar; defina antes una contraseña.',
  },
  LISTING_NOT_FOUND: {
    ru: 'Такого объявления нет (или оно вам не видно).',
    es: 'No existe ese anuncio (o no es visible para usted).',
  },
  LISTING_NOT_PUBLIC: {
    ru: 'Отзывы принимают только активные или проданные объявления.',
    es: 'Solo los anuncios activos o vendidos admiten reseñas.',
  },
  LOCATION_NOT_FOUND: {
    ru: 'Такой точки магазина нет.',
    es: 'No existe ese local de la tienda.',
  },
  LOGIN_TAKEN: {
    ru: 'Другой аккаунт уже использует этот логин.',
    es: 'Otra cuenta ya tiene este usuario.',
  },
  MAIN_PHOTO_TAKEN: {
    ru: 'У карточки уже есть главное фото.',
    es: 'El artículo ya tiene una foto principal.',
  },
  MALFORMED_JSON: {
    ru: 'Тело запроса — не корректный JSON.',
    es: 'El cuerpo no es JSON válido.',
  },
  MECHANISM_EXISTS: {
    ru: 'Механизм с таким названием уже есть.',
    es: 'Ya existe un mecanismo con este nombre.',
  },
  MECHANISM_IN_USE: {
    ru: 'Этот механизм ещё используют часы.',
    es: 'Todavía hay relojes que usan este mecanismo.',
  },
  MECHANISM_NOT_FOUND: {
    ru: 'Такого механизма нет.',
    es: 'No existe ese mecanismo.',
  },
  MEDIA_NOT_FOUND: {
    ru: 'Такого медиафайла нет.',
    es: 'No existe ese archivo multimedia.',
  },
  MEDIA_TOO_LARGE: {
    ru: 'Файл больше допустимого размера.',
    es: 'El archivo supera el tamaño admitido.',
  },
  MESSAGES_NOT_ACCEPTED: {
    ru: 'Получатель не принимает от вас личные сообщения.',
    es: 'El destinatario no acepta mensajes directos de usted.',
  },
  MESSAGE_NOT_FOUND: {
    ru: 'В этом чате нет такого сообщения.',
    es: 'No hay ningún mensaje con este id en este chat.',
  },
  METHOD_NOT_ALLOWED: {
    ru: 'Этот метод здесь не поддерживается.',
    es: 'Este método no se admite aquí.',
  },
  MIXED_CURRENCIES: {
    ru: 'Товары одного продавца в заказе должны быть в одной валюте.',
    es: 'Los artículos de un vendedor en un pedido deben compartir moneda.',
  },
  MULTIPART_REQUIRED: {
    ru: 'Изображение передаётся как multipart/form-data в поле file.',
    es: 'La imagen va como multipart/form-data en el campo file.',
  },
  NOTHING_TO_REFUND: {
    ru: 'У заказа нет списанного платежа по карте для возврата.',
    es: 'El pedido no tiene un pago con tarjeta cobrado que reembolsar.',
  },
  NOT_A_CARD_ORDER: {
    ru: 'Заказ оплачивается при получении, а не картой.',
    es: 'El pedido se paga a la entrega, no con tarjeta.',
  },
  NOT_FOUND: {
    ru: 'Такого адреса нет.',
    es: 'No existe esa ruta.',
  },
  NOT_IN_COLLECTION: {
    ru: 'Этих часов нет в вашей коллекции.',
    es: 'El reloj no está en su colección.',
  },
  NOT_SUPPORT_ASSIGNEE: {
    ru: 'Освободить чат может только назначенный сотрудник (или администратор).',
    es: 'Solo el empleado asignado (o un administrador) puede liberarlo.',
  },
  NOT_YOUR_CHECKIN: {
    ru: 'Изменять чекин может только его автор (удалять — ещё модератор).',
    es: 'Solo su autor (o un moderador, para borrarlo) cambia un check-in.',
  },
  NOT_YOUR_COMMENT: {
    ru: 'Удалить комментарий может только его автор или модератор.',
    es: 'Solo su autor o un moderador borra un comentario.',
  },
  NOT_YOUR_DECK: {
    ru: 'Менять колоду и повторять её карточки может только её владелец; скопируйте её.',
    es: 'Solo su dueño cambia este mazo y repasa sus tarjetas; cópielo.',
  },
  NOT_YOUR_ITEM: {
    ru: 'Фото карточки меняют только модераторы (и автор карточки).',
    es: 'Solo los moderadores (y el autor) cambian las fotos del artículo.',
  },
  NOT_YOUR_LISTING: {
    ru: 'Объявление меняют только продавец, модераторы и администраторы.',
    es: 'Solo el vendedor, los moderadores y los administradores cambian un anuncio.',
  },
  NOT_YOUR_MEDIA: {
    ru: 'Этот медиафайл принадлежит не вам.',
    es: 'Este archivo multimedia no es suyo.',
  },
  NOT_YOUR_MESSAGE: {
    ru: 'Изменять сообщение может только его автор.',
    es: 'Solo su autor cambia un mensaje.',
  },
  NOT_YOUR_POST: {
    ru: 'Изменять пост может только его автор (или модератор).',
    es: 'Solo su autor (o un moderador) cambia una publicación.',
  },
  NOT_YOUR_REVIEW: {
    ru: 'Изменять отзыв может только его автор (или модератор).',
    es: 'Solo su autor (o un moderador) cambia una reseña.',
  },
  OAUTH_CALLBACK_INVALID: {
    ru: 'В обратном вызове нет кода (или ошибки) и state.',
    es: 'A la llamada de retorno le faltan el código (o el error) y el state.',
  },
  OAUTH_CODE_REJECTED: {
    ru: 'Провайдер отклонил код авторизации.',
    es: 'El proveedor rechazó el código de autorización.',
  },
  OAUTH_DENIED: {
    ru: 'Вход отменён у провайдера.',
    es: 'El inicio de sesión se canceló en el proveedor.',
  },
  OAUTH_PROVIDER_UNAVAILABLE: {
    ru: 'Провайдер не смог завершить вход.',
    es: 'El proveedor no pudo completar el inicio de sesión.',
  },
  OAUTH_STATE_INVALID: {
    ru: 'Состояние входа не совпадает; начните заново.',
    es: 'El estado del inicio de sesión no coincide; empiece de nuevo.',
  },
  ORDER_NOT_FOUND: {
    ru: 'Нет заказа с этим id, который вам можно видеть.',
    es: 'No hay ningún pedido con este id que pueda ver.',
  },
  ORDER_NOT_PAYABLE: {
    ru: 'Заказ больше не ждёт оплаты.',
    es: 'El pedido ya no espera su pago.',
  },
  OUT_OF_STOCK: {
    ru: 'Осталось меньше единиц, чем запрошено.',
    es: 'Quedan menos unidades de las pedidas.',
  },
  OWN_LISTING: {
    ru: 'Продавцы не оставляют отзывы на свои объявления.',
    es: 'Los vendedores no reseñan sus propios anuncios.',
  },
  OWN_ROLE_CHANGE: {
    ru: 'Администратор не может менять собственную роль.',
    es: 'Los administradores no pueden cambiar su propio rol.',
  },
  PAYLOAD_TOO_LARGE: {
    ru: 'Тело запроса больше, чем принимает этот адрес.',
    es: 'El cuerpo es mayor de lo que admite la ruta.',
  },
  PAYMENT_IN_PROGRESS: {
    ru: 'Оплата заказа уже идёт или завершена.',
    es: 'Un pago del pedido está en curso o hecho.',
  },
  PAYMENT_METHOD_NOT_FOUND: {
    ru: 'У вас нет сохранённого способа оплаты с этим id.',
    es: 'No tiene ningún método de pago guardado con este id.',
  },
  PAYMENT_PROVIDER_REFUSED: {
    ru: 'Платёжный провайдер отклонил операцию.',
    es: 'El proveedor de pagos rechazó la operación.',
  },
  PAYMENT_SOURCE_INVALID: {
    ru: 'Оплата картой принимает токен карты или сохранённый способ (не оба); оплата при получении — ничего.',
    es: 'Un pedido con tarjeta lleva un token o un método guardado (no ambos); el pago a la entrega, ninguno.',
  },
  PHOTO_ALREADY_ATTACHED: {
    ru: 'Этот медиафайл уже прикреплён к карточке.',
    es: 'El archivo ya está en el artículo.',
  },
  PHOTO_CONFLICT: {
    ru: 'Это место уже занято другим фото.',
    es: 'Otra foto ocupa este hueco.',
  },
  PHOTO_NOT_FOUND: {
    ru: 'Этого медиафайла нет на карточке.',
    es: 'El archivo no está en este artículo.',
  },
  POST_NOT_FOUND: {
    ru: 'Нет поста с этим id, который вам можно видеть.',
    es: 'No hay ninguna publicación con este id que pueda ver.',
  },
  PRECONDITION_FAILED: {
    ru: 'Ресурс изменился с момента чтения (If-Match); currentVersion называет текущую версию.',
    es: 'El recurso cambió desde que se leyó (If-Match); currentVersion indica la versión actual.',
  },
  PRIVATE_ACCOUNT: {
    ru: 'Содержимое закрытого аккаунта доступно только подписчикам.',
    es: 'El contenido de una cuenta privada es solo para sus seguidores.',
  },
  PRODUCT_NOT_FOUND: {
    ru: 'Такого товара нет.',
    es: 'No existe ese producto.',
  },
  PROFILE_NOT_FOUND: {
    ru: 'У этого пользователя нет публичного профиля.',
    es: 'Este usuario no tiene perfil público.',
  },
  PROFILE_REQUIRED: {
    ru: 'У вашего аккаунта ещё нет публичного профиля (сначала подтвердите его).',
    es: 'Su cuenta aún no tiene perfil público (verifíquela primero).',
  },
  PROVIDER_ALREADY_LINKED: {
    ru: 'Другой аккаунт этого провайдера уже привязан.',
    es: 'Ya hay otra cuenta de este proveedor vinculada.',
  },
  PROVIDER_EMAIL_UNVERIFIED: {
    ru: 'Провайдер не подтвердил адрес электронной почты.',
    es: 'El proveedor no confirmó un correo electrónico.',
  },
  PROVIDER_NOT_CONFIGURED: {
    ru: 'Вход через этого провайдера здесь не настроен.',
    es: 'El inicio de sesión con este proveedor no está configurado aquí.',
  },
  QUOTA_EXCEEDED: {
    ru: 'Загрузка превысит квоту медиафайлов аккаунта.',
    es: 'La subida superaría la cuota multimedia de la cuenta.',
  },
  RATE_LIMITED: {
    ru: 'Слишком много запросов; см. Retry-After.',
    es: 'Demasiadas solicitudes; vea Retry-After.',
  },
  REFRESH_TOKEN_EXPIRED: {
    ru: 'Сеанс истёк.',
    es: 'La sesión ha caducado.',
  },
  REFRESH_TOKEN_REQUIRED: {
    ru: 'Нет токена обновления ни в теле, ни в cookie сеанса.',
    es: 'No hay token de renovación en el cuerpo ni en las cookies de sesión.',
  },
  REFRESH_TOKEN_REUSED: {
    ru: 'Токен обновления уже использован; сеанс отозван.',
    es: 'El token de renovación ya se usó; la sesión se ha revocado.',
  },
  REFRESH_TOKEN_REVOKED: {
    ru: 'Сеанс завершён.',
    es: 'La sesión ha terminado.',
  },
  REVIEW_NOT_FOUND: {
    ru: 'Такого отзыва нет.',
    es: 'No existe esa reseña.',
  },
  REVOCATION_CHECK_UNAVAILABLE: {
    ru: 'Сейчас токены доступа не проверить; см. Retry-After.',
    es: 'Ahora no se pueden comprobar los tokens de acceso; vea Retry-After.',
  },
  ROLE_CANNOT_APPLY: {
    ru: 'Сотрудники (модераторы и администраторы) не подают заявку продавца.',
    es: 'El personal (moderadores y administradores) no solicita el rol de vendedor.',
  },
  SELLER_APPLICATION_DECIDED: {
    ru: 'Заявка уже одобрена или отклонена.',
    es: 'La solicitud ya se aprobó o rechazó.',
  },
  SELLER_APPLICATION_NOT_FOUND: {
    ru: 'Нет заявки продавца с этим id, которую вам можно видеть.',
    es: 'No hay ninguna solicitud de vendedor con este id que pueda ver.',
  },
  SELLER_APPLICATION_PENDING: {
    ru: 'У вас уже есть заявка продавца, ждущая решения.',
    es: 'Ya tiene una solicitud de vendedor pendiente.',
  },
  SELLER_NOT_FOUND: {
    ru: 'Нет активного продавца с этим id.',
    es: 'No hay ningún vendedor activo con este id.',
  },
  SELLER_REPORT_NOT_FOUND: {
    ru: 'Нет жалобы на продавца с этим id.',
    es: 'No hay ninguna denuncia de vendedor con este id.',
  },
  SELLER_REPORT_OPEN: {
    ru: 'У вас уже есть открытая жалоба на этого продавца.',
    es: 'Ya tiene una denuncia abierta sobre este vendedor.',
  },
  SELLER_REPORT_RESOLVED: {
    ru: 'Жалоба уже рассмотрена.',
    es: 'La denuncia ya se resolvió.',
  },
  SOCKET_ORIGIN_REFUSED: {
    ru: 'Рукопожатие сокета принесло cookie сеанса со страницы другого источника.',
    es: 'El socket trajo la cookie de sesión desde una página de otro origen.',
  },
  SUPPORT_ALREADY_ASSIGNED: {
    ru: 'Этот чат поддержки уже взял другой сотрудник.',
    es: 'Otro empleado ya tomó este chat de soporte.',
  },
  TEXT_TOO_LONG: {
    ru: 'После очистки текст длиннее допустимого.',
    es: 'El texto supera su límite después de sanearlo.',
  },
  TOO_MANY_ADDRESSES: {
    ru: 'Адресная книга заполнена.',
    es: 'La libreta de direcciones está llena.',
  },
  TOO_MANY_ATTEMPTS: {
    ru: 'Слишком много неудачных попыток входа; см. Retry-After.',
    es: 'Demasiados intentos fallidos; vea Retry-After.',
  },
  TOO_MANY_PAYMENT_METHODS: {
    ru: 'Сохранено максимальное число способов оплаты.',
    es: 'Ya guarda tantos métodos de pago como se permite.',
  },
  TRANSITION_FORBIDDEN: {
    ru: 'Ваша роль в заказе не позволяет этот шаг.',
    es: 'Su papel en el pedido no permite este paso.',
  },
  TRANSLATION_NOT_FOUND: {
    ru: 'У этой записи нет перевода на этот язык.',
    es: 'Esta entrada no tiene traducción a este idioma.',
  },
  TRANSLATION_OF_ORIGINAL: {
    ru: 'Это язык оригинала: меняйте саму запись, а не перевод.',
    es: 'Es el idioma original: edite la entrada, no una traducción.',
  },
  UNKNOWN_ADDRESS: {
    ru: 'addressId не указывает на адрес из вашей адресной книги.',
    es: 'addressId no nombra ninguna dirección de su libreta.',
  },
  UNKNOWN_CATEGORY: {
    ru: 'categoryIds указывает на несуществующую категорию.',
    es: 'categoryIds nombra una categoría que no existe.',
  },
  UNKNOWN_CHANNEL: {
    ru: 'Сокет запросил несуществующий канал.',
    es: 'Un socket pidió un canal que no existe.',
  },
  UNKNOWN_DICTIONARY_VALUE: {
    ru: 'Поле указывает на значение, которого нет в справочнике.',
    es: 'Un campo nombra un valor que no está en su diccionario.',
  },
  UNKNOWN_LOCATION: {
    ru: 'locationId указывает на несуществующую точку магазина.',
    es: 'locationId no nombra ningún local de la tienda.',
  },
  UNKNOWN_MECHANISM: {
    ru: 'mechanismId указывает на несуществующий механизм.',
    es: 'mechanismId no nombra ningún mecanismo.',
  },
  UNKNOWN_SOLD_ITEM: {
    ru: 'coffeeId или watchId не указывает на существующий кофе или часы.',
    es: 'coffeeId o watchId no corresponde a ningún café ni reloj.',
  },
  UNSUPPORTED_MEDIA_TYPE: {
    ru: 'Тип содержимого не поддерживается.',
    es: 'El tipo de contenido no se admite.',
  },
  URI_TOO_LONG: {
    ru: 'Параметр пути слишком длинный.',
    es: 'Un parámetro de la ruta es demasiado largo.',
  },
  USER_NOT_FOUND: {
    ru: 'Нет пользователя с этим id.',
    es: 'No hay ningún usuario con este id.',
  },
  VALIDATION_FAILED: {
    ru: 'Запрос не прошёл проверку; errors называет каждое поле.',
    es: 'La solicitud no supera la validación; errors nombra cada campo.',
  },
  VERIFICATION_ATTEMPTS_EXHAUSTED: {
    ru: 'Слишком много неверных кодов; запросите новый.',
    es: 'Demasiados códigos erróneos; pida uno nuevo.',
  },
  VERIFICATION_CODE_EXPIRED: {
    ru: 'Срок действия кода истёк; запросите новый.',
    es: 'El código ha caducado; pida uno nuevo.',
  },
  WATCH_EXISTS: {
    ru: 'У других часов уже есть такая папка или код.',
    es: 'Otro reloj ya tiene esta carpeta o código.',
  },
  WATCH_NOT_FOUND: {
    ru: 'Таких часов нет.',
    es: 'No existe ese reloj.',
  },
  WEAK_PASSWORD: {
    ru: 'Пароль не соответствует требованиям; errors объясняет почему.',
    es: 'La contraseña no cumple la política; errors dice por qué.',
  },
  WEBHOOK_PAYLOAD_INVALID: {
    ru: 'Подписанное тело вебхука — не платёжное событие.',
    es: 'El cuerpo firmado del webhook no es un evento de pago.',
  },
  WEBHOOK_SIGNATURE_INVALID: {
    ru: 'Подпись вебхука отсутствует, неверна, устарела или не совпадает с телом.',
    es: 'La firma del webhook falta, está mal formada, es antigua o no coincide con el cuerpo.',
  },
  WRONG_CURRENT_PASSWORD: {
    ru: 'Текущий пароль указан неверно.',
    es: 'currentPassword no es correcta.',
  },
  PROJECT_NOT_FOUND: {
    ru: 'Нет проекта с этим id, которым вы владеете или в котором участвуете.',
    es: 'No hay ningún proyecto con este id del que sea propietario o miembro.',
  },
  NOT_PROJECT_OWNER: {
    ru: 'Только владелец меняет, открывает доступ к проекту или удаляет его.',
    es: 'Solo el propietario cambia, comparte o elimina un proyecto.',
  },
  NOT_PROJECT_EDITOR: {
    ru: 'Наблюдатель общего проекта только читает задачи; менять их могут владелец и редакторы.',
    es: 'Un observador de un proyecto compartido solo lee sus tareas; solo el propietario y los editores las cambian.',
  },
  MEMBER_NOT_FOLLOWER: {
    ru: 'Проектом можно поделиться только с подписчиками владельца.',
    es: 'Un proyecto solo se comparte con los seguidores del propietario.',
  },
  MEMBER_NOT_FOUND: {
    ru: 'Этот пользователь не участник проекта.',
    es: 'Este usuario no es miembro del proyecto.',
  },
  SECTION_NOT_FOUND: {
    ru: 'В проекте задачи нет раздела с этим id.',
    es: 'No hay ninguna sección con este id en el proyecto de la tarea.',
  },
  TASK_NOT_FOUND: {
    ru: 'Нет задачи с этим id, которую вы можете видеть.',
    es: 'No hay ninguna tarea con este id que pueda ver.',
  },
  PARENT_TASK_NOT_FOUND: {
    ru: 'Нет задачи с этим id, под которую можно поставить подзадачу.',
    es: 'No hay ninguna tarea con este id bajo la que poner la subtarea.',
  },
  SUBTASK_TOO_DEEP: {
    ru: 'Подзадачи только одного уровня: у подзадачи нет подзадач.',
    es: 'Las subtareas tienen un solo nivel: una subtarea no tiene subtareas.',
  },
  INVALID_RECURRENCE: {
    ru: 'Правило — не RRULE (от ежедневного до ежегодного) и не слова вроде «every 2 weeks on Monday».',
    es: 'La regla no es un RRULE (de diaria a anual) ni palabras como «every 2 weeks on Monday».',
  },
  INVALID_TIME_ZONE: {
    ru: 'Это не часовой пояс IANA вроде Europe/Berlin.',
    es: 'No es una zona horaria IANA como Europe/Berlin.',
  },
  INVALID_DUE: {
    ru: 'Срок — дата (ГГГГ-ММ-ДД) или местные дата и время (ГГГГ-ММ-ДДTЧЧ:мм) с часовым поясом.',
    es: 'El vencimiento es una fecha (AAAA-MM-DD) o una fecha y hora local (AAAA-MM-DDTHH:mm) con zona horaria.',
  },
  REMINDER_WITHOUT_DUE: {
    ru: 'Напоминанию за несколько минут до срока нужен срок.',
    es: 'Un recordatorio minutos antes del vencimiento necesita un vencimiento.',
  },
  EMPTY_TITLE: {
    ru: 'Проекту, разделу или задаче нужно название (после очистки текста).',
    es: 'Un proyecto, una sección o una tarea necesita un nombre o título (tras limpiar el texto).',
  },
  TASK_COMPLETED: {
    ru: 'Задача уже выполнена (и не повторяется).',
    es: 'La tarea ya está completada (y no se repite).',
  },
};

/** The problem with its title and detail in `language` (English, as raised, when null or 'en'). */
export function localizeProblem(problem: ProblemDetails, language: Language | null): ProblemDetails {
  if (language === null || language === 'en') {
    return problem;
  }
  const title = PROBLEM_TITLES[problem.status]?.[language] ?? STATUS_CODES[problem.status] ?? problem.title;
  const detail = PROBLEM_DETAILS[problem.code]?.[language] ?? problem.detail;
  return { ...problem, title, ...(detail === undefined ? {} : { detail }) };
}
