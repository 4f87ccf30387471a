import { describe, expect, it } from 'vitest';
import { TemplateGoalPlanner } from './template-goal-planner.js';

const planner = new TemplateGoalPlanner();
const today = '2026-11-30';

describe('TemplateGoalPlanner', () => {
  it('makes a learning goal about coffee a catalog deck, a daily review habit and weekly reviews to the deadline', async () => {
    const plan = await planner.propose({
      title: 'Learn the coffee origins by March',
      deadline: '2027-03-01',
      today,
    });
    expect(plan).toEqual({
      template: 'learn',
      decks: [{ title: 'Coffee origins', source: 'coffee-origins' }],
      habits: [
        {
          title: 'Review the cards of “Coffee origins”',
          target: null,
          unit: null,
          schedule: { kind: 'daily' },
        },
      ],
      tasks: [
        {
          title: 'Weekly review: Learn the coffee origins by March',
          notes: null,
          due: '2026-12-07',
          recurrence: 'FREQ=WEEKLY;COUNT=13',
          priority: 3,
        },
        {
          title: 'Check the result: Learn the coffee origins by March',
          notes: null,
          due: '2027-03-01',
          recurrence: null,
          priority: 2,
        },
      ],
    });
  });

  it('speaks Russian to a Russian goal and gives an empty deck a first task when no catalog deck fits', async () => {
    const calibres = await planner.propose({
      title: 'Выучить советские калибры',
      deadline: '2027-01-31',
      today,
    });
    expect(calibres.decks).toEqual([{ title: 'Советские калибры', source: 'soviet-calibres' }]);
    expect(calibres.habits[0].title).toBe('Повторить карточки «Советские калибры»');

    const words = await planner.propose({ title: 'Learn 500 Spanish words', deadline: '2026-12-20', today });
    expect(words.decks).toEqual([{ title: 'Learn 500 Spanish words', source: null }]);
    expect(words.tasks.map((task) => [task.title, task.due, task.recurrence])).toEqual([
      ['Add the first 20 cards to “Learn 500 Spanish words”', '2026-12-01', null],
      ['Weekly review: Learn 500 Spanish words', '2026-12-07', 'FREQ=WEEKLY;COUNT=2'],
      ['Check the result: Learn 500 Spanish words', '2026-12-20', null],
    ]);
  });

  it('reads a practice goal’s amount, unit and frequency into its habit', async () => {
    const run = await planner.propose({ title: 'Run 10 km 3 times a week', deadline: '2027-02-28', today });
    expect(run.template).toBe('practice');
    expect(run.habits).toEqual([
      {
        title: 'Run 10 km 3 times a week',
        target: 10,
        unit: 'km',
        schedule: { kind: 'times-per-week', times: 3 },
      },
    ]);
    const read = await planner.propose({ title: 'Читать 20 страниц в день', deadline: '2026-12-05', today });
    expect(read.habits).toEqual([
      { title: 'Читать 20 страниц в день', target: 20, unit: 'страниц', schedule: { kind: 'daily' } },
    ]);
    // Five days: no full week, so no weekly review; only the final check.
    expect(read.tasks).toEqual([
      expect.objectContaining({ title: 'Проверить результат: Читать 20 страниц в день' }),
    ]);
  });

  it('spreads a project goal into a first step tomorrow and milestones up to the deadline', async () => {
    const plan = await planner.propose({ title: 'Renovate the kitchen', deadline: '2027-01-29', today });
    expect(plan.template).toBe('project');
    expect(plan.tasks.map((task) => [task.title, task.due, task.priority])).toEqual([
      ['Write down the first concrete step of “Renovate the kitchen”', '2026-12-01', 1],
      ['Renovate the kitchen: milestone 1/5', '2026-12-12', 2],
      ['Renovate the kitchen: milestone 2/5', '2026-12-24', 2],
      ['Renovate the kitchen: milestone 3/5', '2027-01-05', 2],
      ['Renovate the kitchen: milestone 4/5', '2027-01-17', 2],
      ['Weekly review: Renovate the kitchen', '2026-12-07', 3],
      ['Check the result: Renovate the kitchen', '2027-01-29', 2],
    ]);
  });
});
