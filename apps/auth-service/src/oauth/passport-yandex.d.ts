// passport-yandex ships no typings: its Strategy is passport-oauth2's with Yandex's endpoints as defaults.
declare module 'passport-yandex' {
  import OAuth2Strategy from 'passport-oauth2';

  type YandexStrategyOptions = Omit<OAuth2Strategy.StrategyOptions, 'authorizationURL' | 'tokenURL'> &
    Partial<Pick<OAuth2Strategy.StrategyOptions, 'authorizationURL' | 'tokenURL'>>;

  export class Strategy extends OAuth2Strategy {
    constructor(options: YandexStrategyOptions, verify: OAuth2Strategy.VerifyFunction);
  }
}
