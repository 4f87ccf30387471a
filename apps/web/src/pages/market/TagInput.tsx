import { useId, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useQuery } from '../../ui/use-query';

const MAX_TAGS = 20;

/** Tags as chips (like YouTube's): type one and press Enter; known tags are suggested; each chip removes itself. */
export function TagInput({
  tags,
  onChange,
  error,
}: {
  readonly tags: readonly string[];
  readonly onChange: (tags: string[]) => void;
  readonly error: string | undefined;
}): ReactNode {
  const { t } = useTranslation('market');
  const id = useId();
  const [text, setText] = useState('');
  const query = text.trim();
  const suggestions = useQuery(`tag-suggestions:${query}`, () =>
    query.length < 2
      ? Promise.resolve({ data: undefined })
      : api.GET('/dictionaries/{kind}', {
          params: { path: { kind: 'tags' }, query: { search: query, limit: 8 } },
        }),
  );

  const add = (): void => {
    const tag = text.trim().toLowerCase();
    if (tag && !tags.includes(tag) && tags.length < MAX_TAGS) {
      onChange([...tags, tag]);
    }
    setText('');
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (event.key === 'Enter' || event.key === ',') {
      event.preventDefault();
      add();
    } else if (event.key === 'Backspace' && text === '' && tags.length > 0) {
      onChange(tags.slice(0, -1));
    }
  };

  return (
    <div className={error ? 'field field--invalid' : 'field'}>
      <label htmlFor={id}>{t('form.tags')}</label>
      {tags.length > 0 && (
        <ul className="market-chips">
          {tags.map((tag) => (
            <li key={tag}>
              <span className="market-chip">
                #{tag}
                <button
                  type="button"
                  className="market-chip__remove"
                  aria-label={t('form.removeTag', { tag })}
                  onClick={() => onChange(tags.filter((other) => other !== tag))}
                >
                  ×
                </button>
              </span>
            </li>
          ))}
        </ul>
      )}
      <div className="row">
        <input
          id={id}
          value={text}
          list={`${id}-suggestions`}
          maxLength={40}
          aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
          aria-invalid={error ? true : undefined}
          onChange={(event) => setText(event.target.value)}
          onKeyDown={onKeyDown}
        />
        <button type="button" className="button button--secondary" onClick={add}>
          {t('form.addTag')}
        </button>
      </div>
      <datalist id={`${id}-suggestions`}>
        {(suggestions.data?.items ?? []).map((value) => (
          <option key={value.id} value={value.name} />
        ))}
      </datalist>
      <p id={`${id}-hint`} className="field__hint">
        {t('form.tagsHint')}
      </p>
      {error && (
        <p id={`${id}-error`} className="field__error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
