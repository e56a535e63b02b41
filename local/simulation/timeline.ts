import type { RunReport, SurgeAction, TerminatedEntry } from '../../lambda/model/report';
import type { Rotation } from './format-forecast';
import { formatRun, formatTime, heldSummary } from './format-run';

const PAD = ' '.repeat(18);

const surgeKey = (surge: SurgeAction): string => JSON.stringify([surge.group, surge.action, surge.instanceIds]);

/**
 * What the simulation prints run by run, and what it has listed. A run that decided nothing new is not
 * printed, only counted. A dry run changes nothing, so every run chooses again what the runs before it chose:
 * it lists each instance (and each surge step) the first time a run chose it.
 */
export class Timeline {
  /** What the printed lines list: instances rotated, or in a dry run first chosen. The totals count these. */
  readonly rotations: Rotation[] = [];
  private readonly listed = new Set<string>();
  private held?: string;
  /** Errors and holds of the last printed run. */
  private said?: string;
  private quietSince?: number;
  private quietRuns = 0;

  constructor(
    private readonly dryRun: boolean,
    private readonly noteFor: (at: number, entry: TerminatedEntry, report: RunReport) => string | undefined = () => undefined,
  ) {}

  /** The lines of one run; none when it decided nothing new. */
  record(at: number, report: RunReport): string[] {
    const terminated = this.dryRun ? report.terminated.filter((entry) => !this.listed.has(entry.instanceId)) : report.terminated;
    const surges = this.dryRun ? report.surges.filter((surge) => !this.listed.has(surgeKey(surge))) : report.surges;
    const said = JSON.stringify([report.errors, heldSummary(report)]);
    const lines = terminated.length === 0 && surges.length === 0 && said === this.said
      ? []
      : formatRun(at, report, { terminated, surges, previousHeld: this.held, noteFor: (entry) => this.noteFor(at, entry, report) });
    if (lines.length === 0) {
      this.quietSince ??= at;
      this.quietRuns += 1;
      return [];
    }
    for (const entry of terminated) {
      this.rotations.push({ at, ...entry, ageDays: report.details[entry.instanceId]?.ageDays });
      this.listed.add(entry.instanceId);
    }
    for (const surge of surges) this.listed.add(surgeKey(surge));
    const quiet = this.quietLine();
    Object.assign(this, { held: heldSummary(report), said });
    return [...quiet, ...lines];
  }

  /** The count of quiet runs not told yet. */
  end(): string[] {
    return this.quietLine();
  }

  /** Terminations the printed lines list (`would go` lines in a dry run). */
  get listedTerminations(): number {
    return this.rotations.length;
  }

  private quietLine(): string[] {
    if (this.quietRuns === 0) return [];
    const line = `${PAD}· ${this.quietRuns} run(s) with nothing new since ${formatTime(this.quietSince ?? 0)}`;
    this.quietRuns = 0;
    this.quietSince = undefined;
    return [line];
  }
}
