/**
 * List prices the estimate assumes: us-east-1, arm64, no free tier, no Savings Plans (AWS pricing pages as
 * published early 2026; check them before quoting a figure).
 */
export const PRICES = {
  lambdaPerGbSecond: 0.0000133334, // arm64, first 7.5 billion GB-s a month
  lambdaPerRequest: 0.2 / 1_000_000,
  customMetricPerMonth: 0.3, // first 10,000 metrics
  standardAlarmPerMonth: 0.1,
  dashboardPerMonth: 3,
  logsIngestionPerGb: 0.5, // standard log class
  logsStoragePerGbMonth: 0.03,
  kmsKeyPerMonth: 1,
} as const;

/** What the construct deploys and how often it runs. */
export const DEPLOYMENT = {
  memoryGb: 1,
  runsPerMonth: (30 * 24 * 60) / 15, // rate(15 minutes), a 30-day month: 2,880
  alarms: 2,
  dashboards: 1,
  kmsKeys: 2, // the notification topic's key and the surge-state HMAC key (its GenerateMac/VerifyMac requests: a few per surge, cents)
  logRetentionMonths: 3, // 90 days kept: at steady state three months of logs are stored
} as const;

const GB = 1024 ** 3;

export interface RunShape {
  readonly groups: number;
  /** Billed duration of one run. */
  readonly runSeconds: number;
  /** What one run writes to its log group (log lines and EMF lines). */
  readonly logBytesPerRun: number;
  /** Distinct custom metrics the runs create. */
  readonly customMetrics: number;
}

export interface CostLine {
  readonly item: string;
  readonly dollars: number;
  readonly arithmetic: string;
}

const money = (value: number) => `$${value.toFixed(2)}`;

/** The monthly cost of one deployment (one account and region), line by line. */
export function monthlyCost(run: RunShape): { readonly lines: readonly CostLine[]; readonly total: number } {
  const runs = DEPLOYMENT.runsPerMonth;
  const gbSeconds = runs * run.runSeconds * DEPLOYMENT.memoryGb;
  const logGb = (runs * run.logBytesPerRun) / GB;
  const lines: CostLine[] = [
    { item: 'Lambda duration', dollars: gbSeconds * PRICES.lambdaPerGbSecond, arithmetic: `${runs} runs x ${run.runSeconds.toFixed(1)} s x ${DEPLOYMENT.memoryGb} GB x $${PRICES.lambdaPerGbSecond}/GB-s` },
    { item: 'Lambda requests', dollars: runs * PRICES.lambdaPerRequest, arithmetic: `${runs} x $0.20/1M` },
    { item: 'custom metrics', dollars: run.customMetrics * PRICES.customMetricPerMonth, arithmetic: `${run.customMetrics} x $${PRICES.customMetricPerMonth}` },
    { item: 'alarms', dollars: DEPLOYMENT.alarms * PRICES.standardAlarmPerMonth, arithmetic: `${DEPLOYMENT.alarms} x $${PRICES.standardAlarmPerMonth}` },
    { item: 'dashboard', dollars: DEPLOYMENT.dashboards * PRICES.dashboardPerMonth, arithmetic: `${DEPLOYMENT.dashboards} x $${PRICES.dashboardPerMonth}` },
    { item: 'logs ingestion', dollars: logGb * PRICES.logsIngestionPerGb, arithmetic: `${runs} runs x ${(run.logBytesPerRun / 1024).toFixed(0)} KiB = ${logGb.toFixed(2)} GB x $${PRICES.logsIngestionPerGb}/GB` },
    { item: 'logs storage', dollars: logGb * DEPLOYMENT.logRetentionMonths * PRICES.logsStoragePerGbMonth, arithmetic: `${logGb.toFixed(2)} GB x ${DEPLOYMENT.logRetentionMonths} months kept x $${PRICES.logsStoragePerGbMonth}/GB-month (uncompressed, an upper bound)` },
    { item: 'KMS keys', dollars: DEPLOYMENT.kmsKeys * PRICES.kmsKeyPerMonth, arithmetic: `${DEPLOYMENT.kmsKeys} x $${PRICES.kmsKeyPerMonth}` },
  ];
  return { lines, total: lines.reduce((sum, line) => sum + line.dollars, 0) };
}

/** A measured run, scaled to another number of groups: duration and per-group log bytes grow linearly, the rest stays. */
export function scaledRun(measured: RunShape & { readonly fixedLogBytes: number }, groups: number): RunShape {
  const perGroupLog = (measured.logBytesPerRun - measured.fixedLogBytes) / measured.groups;
  return {
    groups,
    runSeconds: (measured.runSeconds * groups) / measured.groups,
    logBytesPerRun: measured.fixedLogBytes + perGroupLog * groups,
    customMetrics: measured.customMetrics,
  };
}

export { money };
