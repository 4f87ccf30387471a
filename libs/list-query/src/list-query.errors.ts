import { ApiErrors, codesOf, DomainException, type ErrorCatalog, type ProblemExtras } from '@agora/http';

/** The codes of reading a list query (sort, filters, search, paging). */
export const LIST_QUERY_ERRORS = {
  INVALID_LIST_QUERY: {
    status: 400,
    description: 'the list query is not valid; `errors` names each parameter',
  },
} as const satisfies ErrorCatalog;

export type ListQueryErrorCode = keyof typeof LIST_QUERY_ERRORS;
export const ListQueryErrorCode = codesOf(LIST_QUERY_ERRORS);

export class ListQueryException extends DomainException<ListQueryErrorCode> {
  override readonly name = 'ListQueryException';

  constructor(code: ListQueryErrorCode, detail: string, extras?: ProblemExtras) {
    super(LIST_QUERY_ERRORS, code, detail, extras);
  }
}

export const ApiListQueryErrors = (...codes: ListQueryErrorCode[]) => ApiErrors(LIST_QUERY_ERRORS, ...codes);
