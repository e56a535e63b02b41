import { PutEventsCommand, type PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { RUN_SUMMARY_DETAIL_TYPE, RUN_SUMMARY_SOURCE } from '../../../lambda/report/run-summary';
import { NOW } from '../fake-aws/harness';
import { ACCOUNTS, startOrgHarness, type OrgHarness } from './org-harness';

let h: OrgHarness;
let busArn: string;
beforeEach(async () => {
  h = await startOrgHarness();
  busArn = h.org.createCentralBus(ACCOUNTS.central).arn;
});
afterEach(() => h.close());

const summary = (overrides: Partial<PutEventsRequestEntry> = {}): PutEventsRequestEntry => ({
  EventBusName: busArn,
  Source: RUN_SUMMARY_SOURCE,
  DetailType: RUN_SUMMARY_DETAIL_TYPE,
  Detail: JSON.stringify({ schemaVersion: 1, region: 'eu-west-1', terminated: 2 }),
  ...overrides,
});

const putFrom = (accountId: string, entries: PutEventsRequestEntry[]) => h.clients(h.credentialsOf(accountId)).events.send(new PutEventsCommand({ Entries: entries }));

const stored = () => h.org.buses.byArn(busArn)?.events ?? [];

describe('PutEvents to the central bus', () => {
  it('admits a member\'s run summary and stores it with its envelope: the sender\'s account, the bus\'s region, the clock\'s time', async () => {
    const answer = await putFrom(ACCOUNTS.sandbox, [summary()]);

    expect(answer.FailedEntryCount).toBe(0);
    expect(stored()).toEqual([
      {
        version: '0',
        id: answer.Entries?.[0]?.EventId,
        'detail-type': RUN_SUMMARY_DETAIL_TYPE,
        source: RUN_SUMMARY_SOURCE,
        account: ACCOUNTS.sandbox,
        time: new Date(NOW).toISOString().replace(/\.\d{3}Z$/, 'Z'),
        region: 'us-east-1',
        resources: [],
        detail: { schemaVersion: 1, region: 'eu-west-1', terminated: 2 },
      },
    ]);
  });

  it('denies an account outside the organization the whole call, in IAM\'s words, and stores nothing', async () => {
    await expect(putFrom(ACCOUNTS.stranger, [summary()])).rejects.toMatchObject({
      name: 'AccessDeniedException',
      message: `User: arn:aws:sts::${ACCOUNTS.stranger}:assumed-role/fake-aws-caller/fake-aws-session is not authorized to perform: events:PutEvents on resource: ${busArn} because no resource-based policy allows the events:PutEvents action`,
      $metadata: { httpStatusCode: 400 },
    });
    expect(stored()).toEqual([]);
  });

  it('fails only the entry whose source the policy does not name', async () => {
    const answer = await putFrom(ACCOUNTS.prod, [summary({ Source: 'someone-else' }), summary()]);

    expect(answer.FailedEntryCount).toBe(1);
    expect(answer.Entries?.[0]).toMatchObject({ ErrorCode: 'NotAuthorizedForSourceException' });
    expect(answer.Entries?.[1]?.EventId).toEqual(expect.any(String));
    expect(stored().map((event) => event.source)).toEqual([RUN_SUMMARY_SOURCE]);
  });

  it.each([
    ['11 entries', () => Array.from({ length: 11 }, () => summary())],
    ['entries over 256 KB in all', () => [summary({ Detail: JSON.stringify({ padding: 'x'.repeat(256 * 1024) }) })]],
  ])('refuses %s with ValidationException and stores nothing', async (_title, entries) => {
    await expect(putFrom(ACCOUNTS.prod, entries())).rejects.toMatchObject({ name: 'ValidationException', $metadata: { httpStatusCode: 400 } });
    expect(stored()).toEqual([]);
  });

  it('takes exactly 10 entries', async () => {
    const answer = await putFrom(ACCOUNTS.prod, Array.from({ length: 10 }, () => summary()));

    expect(answer.Entries).toHaveLength(10);
    expect(stored()).toHaveLength(10);
  });

  it('fails an entry whose detail is not a JSON object with MalformedDetail', async () => {
    const answer = await putFrom(ACCOUNTS.prod, [summary({ Detail: 'not json' })]);

    expect(answer).toMatchObject({ FailedEntryCount: 1, Entries: [{ ErrorCode: 'MalformedDetail' }] });
  });
});
