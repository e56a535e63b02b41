import { actionKeys } from './denials';

/*
 * Other tools move capacity while a run reads: scaling policies, scheduled actions, humans. A hook
 * runs once, when the nth call of an action arrives and before it is answered, so a test can change
 * the account between a caller's read and its write.
 */

export type CallHandler<Account> = (account: Account, params: Readonly<Record<string, unknown>>) => void | Promise<void>;

interface Hook<Account> {
  readonly key: string;
  readonly nth: number;
  seen: number;
  readonly handler: CallHandler<Account>;
}

export class CallHooks<Account> {
  private hooks: Hook<Account>[] = [];

  /** `Action` in any service, or `service:Action`; nth counts every call of it that arrives from now on. Returns a remover. */
  add(action: string, handler: CallHandler<Account>, nth = 1): () => void {
    const hook: Hook<Account> = { key: action.toLowerCase(), nth, seen: 0, handler };
    this.hooks.push(hook);
    return () => {
      this.hooks = this.hooks.filter((other) => other !== hook);
    };
  }

  async run(account: Account, signingName: string, action: string, params: Readonly<Record<string, unknown>>): Promise<void> {
    const keys = actionKeys(signingName, action);
    const due: Hook<Account>[] = [];
    for (const hook of this.hooks) {
      if (!keys.includes(hook.key)) continue;
      hook.seen += 1;
      if (hook.seen === hook.nth) due.push(hook);
    }
    this.hooks = this.hooks.filter((hook) => !due.includes(hook));
    for (const hook of due) await hook.handler(account, params);
  }
}
