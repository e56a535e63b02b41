'use strict';
// The layering (STYLE.md "one direction of flow"), enforced by ESLint and tested in test/layering.test.ts:
// the function never reaches into the CLI or the local account; the decision core (policy, plan) is pure: no AWS SDK,
// no zod, no clients, reads, writes or configuration; the report is built from the plan, the outcome and the
// evaluation, never from the executor.
const outsideTheFunction = { regex: '(^|/)(cli|local)/', message: 'lambda/ never imports the CLI or the local account.' };

// The decision core takes `now` and the fleet as arguments: it reads no clock, no environment, no chance, and keeps
// nothing from one call to the next (an empty collection or a `let` at module level is a cache that outlives the run).
const IMPURE = 'The decision core is pure: take it as an argument (now, the policy) instead.';
const purity = {
  'no-restricted-globals': ['error', { name: 'process', message: IMPURE }],
  'no-restricted-syntax': [
    'error',
    { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: `Date.now(): ${IMPURE}` },
    { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: `new Date() without a time: ${IMPURE}` },
    { selector: "MemberExpression[object.name='Math'][property.name='random']", message: `Math.random: ${IMPURE}` },
    { selector: "Program > VariableDeclaration[kind='let'], Program > ExportNamedDeclaration > VariableDeclaration[kind='let']", message: 'A module-level `let` keeps state between runs: the decision core keeps none.' },
    {
      selector: ':matches(Program > VariableDeclaration, Program > ExportNamedDeclaration > VariableDeclaration) > VariableDeclarator > NewExpression[callee.name=/^(Map|Set|WeakMap|WeakSet)$/][arguments.length=0]',
      message: 'An empty collection at module level is a cache that outlives the run: the decision core keeps none.',
    },
  ],
};

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
      ...purity,
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
