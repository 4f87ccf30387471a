import { addCalendarDays, calendarDaysBetween } from '@agora/http';
import { Injectable } from '@nestjs/common';
import type {
  CatalogDeckSource,
  GoalInput,
  GoalPlan,
  GoalPlanner,
  PlannedDeck,
  PlannedHabit,
  PlannedSchedule,
  PlannedTask,
} from './goal-plan.js';

type Language = 'en' | 'ru';

/** Words that make a goal about learning: a deck to review daily. */
const LEARN = /\b(learn|study|memori[sz]e|master|remember)\b|выуч|изуч|запомн|освои|учить/iu;
/** Words that make a goal about a repeated practice: a habit. */
const PRACTICE =
  /\b(run|jog|walk|read|write|exercise|meditate|swim|cycle|ride|practi[cs]e|train|drink|sleep)\b|бег|пробег|читат|прочит|ходит|медит|плав|писат|трениров|пить|спать/iu;
/** `3 times a week`, `3 раза в неделю`. */
const TIMES_PER_WEEK = /(\d{1,2})\s*(?:times?|x|раза?)\s*(?:a|per|в)\s*(?:week|неделю)/iu;
/** A daily amount with its unit: `10 km`, `20 pages`, `2 л`. */
const AMOUNT =
  /(\d{1,5}(?:[.,]\d{1,2})?)\s*(km|км|pages?|стр\p{L}*|cups?|чаш\p{L}*|minutes?|mins?|мин\p{L}*|steps|шаг\p{L}*|glass(?:es)?|стакан\p{L}*|l|л|words?|слов\p{L}*|cards?|карточ\p{L}*)/iu;
const CATALOG_TOPICS: readonly {
  pattern: RegExp;
  source: CatalogDeckSource;
  title: Record<Language, string>;
}[] = [
  {
    pattern: /coffee|кофе/iu,
    source: 'coffee-origins',
    title: { en: 'Coffee origins', ru: 'Происхождение кофе' },
  },
  {
    pattern: /calib(?:re|er)|watch|mechanism|калибр|часы|механизм/iu,
    source: 'soviet-calibres',
    title: { en: 'Soviet calibres', ru: 'Советские калибры' },
  },
];

const WORDS: Record<Language, Record<string, (subject: string) => string>> = {
  en: {
    firstStep: (goal) => `Write down the first concrete step of “${goal}”`,
    step: (goal) => `${goal}: milestone`,
    weeklyReview: (goal) => `Weekly review: ${goal}`,
    finalCheck: (goal) => `Check the result: ${goal}`,
    reviewDeck: (deck) => `Review the cards of “${deck}”`,
    fillDeck: (deck) => `Add the first 20 cards to “${deck}”`,
  },
  ru: {
    firstStep: (goal) => `Записать первый конкретный шаг к цели «${goal}»`,
    step: (goal) => `${goal}: этап`,
    weeklyReview: (goal) => `Еженедельный обзор: ${goal}`,
    finalCheck: (goal) => `Проверить результат: ${goal}`,
    reviewDeck: (deck) => `Повторить карточки «${deck}»`,
    fillDeck: (deck) => `Добавить первые 20 карточек в «${deck}»`,
  },
};

/** Milestones of a project goal: one per fortnight up to this many. */
const MAX_MILESTONES = 4;

/**
 * The concretizer without a model (issue 19): a goal's words pick a template — `learn` (a deck, a daily review
 * habit, weekly reviews), `practice` (a habit with the amount and frequency the words give, weekly reviews),
 * else `project` (a first step tomorrow, milestones spread to the deadline, weekly reviews) — and the deadline
 * spaces its tasks. Titles are in the goal's language (Russian when it has Cyrillic letters, else English).
 */
@Injectable()
export class TemplateGoalPlanner implements GoalPlanner {
  propose(goal: GoalInput): Promise<GoalPlan> {
    const language: Language = /[а-яё]/iu.test(goal.title) ? 'ru' : 'en';
    const words = WORDS[language];
    const days = calendarDaysBetween(goal.today, goal.deadline);
    const weeks = Math.floor(days / 7);
    const reviews: PlannedTask[] =
      weeks >= 1
        ? [
            task(
              words.weeklyReview(goal.title),
              addCalendarDays(goal.today, 7),
              3,
              `FREQ=WEEKLY;COUNT=${weeks}`,
            ),
          ]
        : [];
    const finalCheck = task(words.finalCheck(goal.title), goal.deadline, 2);

    if (LEARN.test(goal.title)) {
      const topic = CATALOG_TOPICS.find((candidate) => candidate.pattern.test(goal.title));
      const deck: PlannedDeck = topic
        ? { title: topic.title[language], source: topic.source }
        : { title: goal.title, source: null };
      const fill = deck.source ? [] : [task(words.fillDeck(deck.title), addCalendarDays(goal.today, 1), 1)];
      return Promise.resolve({
        template: 'learn',
        decks: [deck],
        habits: [
          { title: words.reviewDeck(deck.title), target: null, unit: null, schedule: { kind: 'daily' } },
        ],
        tasks: [...fill, ...reviews, finalCheck],
      });
    }

    if (PRACTICE.test(goal.title)) {
      return Promise.resolve({
        template: 'practice',
        decks: [],
        habits: [practiceHabit(goal.title)],
        tasks: [...reviews, finalCheck],
      });
    }

    const milestones = Math.min(MAX_MILESTONES, Math.floor(days / 14));
    const steps = Array.from({ length: milestones }, (_, index) =>
      task(
        `${words.step(goal.title)} ${index + 1}/${milestones + 1}`,
        addCalendarDays(goal.today, Math.round(((index + 1) * days) / (milestones + 1))),
        2,
      ),
    );
    return Promise.resolve({
      template: 'project',
      decks: [],
      habits: [],
      tasks: [
        task(words.firstStep(goal.title), addCalendarDays(goal.today, 1), 1),
        ...steps,
        ...reviews,
        finalCheck,
      ],
    });
  }
}

function task(
  title: string,
  due: string,
  priority: PlannedTask['priority'],
  recurrence: string | null = null,
): PlannedTask {
  return { title, notes: null, due, recurrence, priority };
}

/** The habit a practice goal names: its daily amount and unit when the words give them, its frequency. */
function practiceHabit(title: string): PlannedHabit {
  const perWeek = TIMES_PER_WEEK.exec(title);
  const times = perWeek ? Number(perWeek[1]) : 7;
  const schedule: PlannedSchedule =
    times >= 1 && times < 7 ? { kind: 'times-per-week', times } : { kind: 'daily' };
  // The amount is read from the words without the frequency, so "3 times a week" is not 3 of anything.
  const amount = AMOUNT.exec(perWeek ? title.replace(perWeek[0], '') : title);
  return {
    title,
    target: amount ? Number(amount[1].replace(',', '.')) : null,
    unit: amount ? amount[2].toLowerCase() : null,
    schedule,
  };
}
