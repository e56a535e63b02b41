import { ORG_READER_ROLE_NAME } from '../infra/org/org-names';

/** `instance-reaper help`; the README's CLI section says the same. */
export const USAGE = `Usage: instance-reaper <command> [options]

Commands:
  plan      What the next run would do, read-only: group, instance, age, AMI, reasons, terminate or deferred and why.
              [--group G ...] [--ami AMI ...] [--instance I ...] [--max-age-days N] [--ami-max-age-days N]
              [--max-terminations N] [--max-terminations-per-group N|P%]   (override the deployed policy, like a manual invocation)
              An AMI no instance runs and EC2 does not know, or an instance EC2 does not know, is refused unless --force.
            --forecast DAYS (1-30): when each instance would be rotated over the next DAYS, then what is still due and
              rotations per day. The fleet is read once; the function runs on a private in-memory copy of it, once per
              schedule interval (the deployed rate, else 15 minutes), health gates held as read. Nothing is changed.
              [--every Nm|Nh] [--window EXPR] [--grace-days N]   (forecast only: the interval, in whole minutes or hours,
              1m to 24h, such as 15m or 2h; the default window and grace)
            --org: the next run of every account of the organization, read-only (as 'status --org' reaches them):
              per account and region what it would terminate, and what it would defer and why. Takes the overrides.
  rotate    Emergency rotation that keeps going until finished: --ami AMI ... (block AMIs) or --group G ... (rotate groups);
              or --instance I ... (these instances, in one run started now: not recorded, so one that waits is not retried).
              Shows everything the run it starts will do (a dry run of it, the request counted as recorded: the
              request's instances, and what else is due anyway), asks unless --yes, records the request, then runs
              the function once. [--force] to block an AMI that exists nowhere, or name an instance EC2 does not know.
  unblock   Withdraw a request: --ami AMI ... (unblock AMIs) or --group G ... (cancel a group rotation). Naming
              something that was not requested is refused, and nothing changes.
  pause     Stop everything: schedule disabled, reserved concurrency 0 (manual invocations are refused too).
  resume    Schedule enabled, reserved concurrency 1.
  status    Schedule, concurrency, configured policy, blocked AMIs, requested rotations, latest run's report.
            --org: every account of the organization, one row per account and region, worst first, then
              'N of M accounts out of policy'. In each account the CLI assumes the role ${ORG_READER_ROLE_NAME}
              (the organization deployment creates it) and reads what 'status' reads. An account is:
                paused         its schedule is disabled or its reserved concurrency is 0;
                out of policy  else, when its latest run left instances due (deferred or unmanaged; in a dry run,
                               also what it would terminate), reported errors, failed after its latest report, or
                               logged no report for two schedule intervals (a cron schedule: two days);
                in policy      otherwise; 'not deployed' (no reaper stack found) and 'unreachable' (the role cannot be
                               assumed, or a read failed) say why.
              IN POLICY is the share of scanned instances the latest run did not leave due.
  local     The local account: 'local reset' (fresh demo fleet), 'local tick [N]' (advance it N steps: replacements go InService).

Options:
  --profile P     AWS profile (default: the standard credential chain)
  --region R      AWS region (default: the standard chain)
  --local         use the local account (.build/local-account.json) instead of AWS; with --org, a local demo
                  organization built afresh (five accounts, one whose reader role trusts another account)
  --stack NAME    the reaper's CloudFormation stack (default InstanceReaper, or the only reaper stack in the region)
  --function F    the reaper's function, instead of finding it through the stack
  --org           status or plan across the organization's ACTIVE accounts (Organizations ListAccounts: run from
                  the management account or a delegated administrator, or name the accounts with --accounts)
  --accounts A,B  with --org: these account IDs instead of listing the organization
  --ou OU         with --org: only the accounts under this OU, child OUs included
  --regions R,S   with --org: these regions (default: the CLI's region)
  --role-name N   with --org: the role to assume in each account (default ${ORG_READER_ROLE_NAME})
  --json          print the result as JSON (with --org: the rows)
  --yes, -y       rotate without asking
  --force         plan or rotate with an AMI or instance ID that exists nowhere
  --help, -h      this text

Exit codes: 0 ok; 1 failure (or a rotation was declined; nothing changed then); 2 bad usage, including a name that
exists nowhere, a missing region or credentials (nothing changed); 3 'status --org': an account is out of policy or
unreachable, 'plan --org': an account could not be planned (unreachable or misconfigured).`;
