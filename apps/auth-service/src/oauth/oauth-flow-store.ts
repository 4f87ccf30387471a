import { csrfTokenMatches } from '@agora/auth';
import { modifyReturning } from '@agora/database';
import type { DataSource } from 'typeorm';
import { newOpaqueToken, secretHash } from '../secrets/opaque-token.js';
import type { TokenTransport } from '../sessions/token-pair.dto.js';
import { OAuthFlowEntity, type OAuthIntent } from './oauth-flow.entity.js';
import type { OAuthProviderName } from './oauth-provider.js';
import type { StrategyRequest } from './passport-strategy-runner.js';

/** What the user asked for when starting a sign-in; handed back with the callback. */
export interface FlowContext {
  readonly intent: OAuthIntent;
  readonly transport: TokenTransport;
  /** The signed-in user, for intent `link`. */
  readonly userId: string | null;
}

/** The callback request: the provider's query and the state cookie set when the flow started. */
export interface CallbackRequest extends StrategyRequest {
  readonly boundState: string | undefined;
}

type StoreDone = (error: Error | null, state?: string) => void;
type VerifyDone = (
  error: Error | null,
  ok?: string | false,
  info?: FlowContext | { message: string },
) => void;

interface FlowRow {
  code_verifier: string;
  intent: OAuthIntent;
  transport: TokenTransport;
  user_id: string | null;
}

/**
 * passport-oauth2's state store, kept in auth.oauth_flows instead of a server session: `store` runs before
 * the redirect (five parameters tell passport it takes the PKCE verifier), `verify` at the callback. A
 * state is single use, expires, and must match the cookie of the browser that started the flow, so a
 * callback URL planted in someone else's browser signs nobody in (login CSRF).
 */
export class OAuthFlowStore {
  constructor(
    private readonly dataSource: DataSource,
    private readonly provider: OAuthProviderName,
    private readonly ttlMinutes: number,
  ) {}

  store(
    _request: StrategyRequest,
    verifier: string,
    context: FlowContext,
    _meta: unknown,
    done: StoreDone,
  ): void {
    const state = newOpaqueToken();
    this.save(state, verifier, context).then(
      () => done(null, state),
      (error: Error) => done(error),
    );
  }

  verify(request: CallbackRequest, state: string | undefined, _meta: unknown, done: VerifyDone): void {
    if (!state || !csrfTokenMatches(request.boundState, state)) {
      done(null, false, { message: 'The sign-in was not started in this browser' });
      return;
    }
    this.consume(state).then(
      (row) =>
        row
          ? done(null, row.code_verifier, {
              intent: row.intent,
              transport: row.transport,
              userId: row.user_id,
            })
          : done(null, false, { message: 'The sign-in is unknown, used or expired; start again' }),
      (error: Error) => done(error),
    );
  }

  private async save(state: string, verifier: string, context: FlowContext): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query(`DELETE FROM "auth"."oauth_flows" WHERE "expires_at" < now()`);
      await manager.insert(OAuthFlowEntity, {
        stateHash: secretHash(state),
        provider: this.provider,
        codeVerifier: verifier,
        intent: context.intent,
        transport: context.transport,
        userId: context.userId,
        expiresAt: new Date(Date.now() + this.ttlMinutes * 60_000),
      });
    });
  }

  private async consume(state: string): Promise<FlowRow | undefined> {
    const rows = await modifyReturning<FlowRow>(
      this.dataSource.manager,
      `DELETE FROM "auth"."oauth_flows" WHERE "state_hash" = $1 AND "provider" = $2 AND "expires_at" > now()
        RETURNING "code_verifier", "intent", "transport", "user_id"`,
      [secretHash(state), this.provider],
    );
    return rows[0];
  }
}
