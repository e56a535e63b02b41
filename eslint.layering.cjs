'use strict';
// The layering (STYLE.md "one direction of flow"), enforced by ESLint and tested in test/layering.test.ts:
// the function never reaches into the CLI or the local account; the decision core (policy, plan) is pure: no AWS SDK,
// no zod, no clients, reads, writes or configuration; the report is built from the plan, the outcome and the
// evaluation, never from the executor.
const outsideTheFunction = { regex: '(^|/)(cli|local)/', message: 'lambda/ never imports the CLI or the local account.' };

module.exports = [
  {
    files: ['lambda/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [outsideTheFunction] }] },
  },
  {
    files: ['lambda/policy/**/*.ts', 'lambda/plan/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            outsideTheFunction,
            { regex: '^@aws-sdk/', message: 'The decision core is pure: AWS calls belong in inventory/ and execute/.' },
            { regex: '^zod$', message: 'The decision core is pure: input is validated in config/.' },
            { regex: '(^|/)(inventory|execute|config)/', message: 'The decision core is pure: it takes the fleet as read and returns a plan.' },
            { regex: '(^|/)(clients|handler|run-reaper)$', message: 'The decision core is pure: it takes the fleet as read and returns a plan.' },
          ],
        },
      ],
    },
  },
  {
    files: ['lambda/report/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [outsideTheFunction, { regex: '(^|/)execute/', message: 'The report is built from the plan, the outcome (model/) and the evaluation, not from the executor.' }] },
      ],
    },
  },
];
