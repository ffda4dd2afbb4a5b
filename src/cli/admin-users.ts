import type { User } from '../../db/schema.js'
import { planIds } from '../../db/states.js'
import { disableAccount, enableAccount, findUserByIdOrEmail, setPlan } from '../accounts/operator.js'
import { allowance } from '../accounts/plans.js'
import { deleteAccount } from '../accounts/service.js'
import { storageCaps, storageUsage } from '../accounts/storage-caps.js'
import { type MonthlyPoints, pointsByMonth } from '../accounts/usage.js'
import type { Db } from '../db.js'
import { userDir } from '../storage.js'
import { type AdminCommand, folderBytes, formatBytes, formatTime, refuse } from './admin-kit.js'

// Accounts: find, show usage (and LibTV's points), change the plan, disable and enable, delete.

/** The points LibTV reported per month (UTC, by when each video started), newest first. */
function sayPoints(say: (line: string) => void, months: MonthlyPoints[]): void {
  if (months.length === 0) return say('LibTV points: none charged yet')
  say('LibTV points charged, by month (UTC):')
  for (const m of months)
    say(`  ${m.month}  ${String(m.points).padStart(7)} points  ${m.videos} video${m.videos === 1 ? '' : 's'}`)
}

function userFrom(db: Db, input: string): User {
  const found = findUserByIdOrEmail(db, input)
  if ('problem' in found) refuse(found.problem)
  return found.user
}

export const userCommands: Record<string, AdminCommand> = {
  'find-user': {
    args: '<email>',
    help: 'show an account: id, plan, created, confirmed, disabled',
    arity: 1,
    run({ db, say }, [email = '']) {
      if (!email.includes('@')) refuse(`"${email}" is not an email address (find-user looks accounts up by email)`)
      const user = userFrom(db, email)
      say(`id:        ${user.id}`)
      say(`email:     ${user.email}`)
      say(`plan:      ${user.plan}`)
      say(`created:   ${formatTime(user.createdAt)}`)
      say(`confirmed: ${formatTime(user.emailConfirmedAt)}`)
      say(`disabled:  ${formatTime(user.disabledAt)}`)
    },
  },

  usage: {
    args: '<user>',
    help: "this month's videos against the plan, what the account stores, and LibTV's points per month",
    arity: 1,
    async run({ db, dataDir, now, say }, [input = '']) {
      const user = userFrom(db, input)
      const month = allowance(db, user, now)
      const stored = storageUsage(db, user.id)
      const caps = storageCaps(user.plan)
      say(`account:      ${user.id} (${user.plan})`)
      say(`videos:       ${month.used} of ${month.quota} this month (resets ${formatTime(month.resetsAt)})`)
      say(
        `photos:       ${stored.images} of ${caps.images}, ${formatBytes(stored.imageBytes)} of ${caps.imageMegabytes} MB`,
      )
      say(`briefs:       ${stored.briefs} of ${caps.briefs}`)
      say(`videos kept:  ${stored.videosKept} of ${caps.videosKept}`)
      say(`on disk:      ${formatBytes(await folderBytes(userDir(dataDir, user.id)))} (${userDir(dataDir, user.id)})`)
      sayPoints(say, pointsByMonth(db, user.id))
    },
  },

  points: {
    args: '',
    help: 'LibTV points charged per month, all accounts (to check against LibTV’s bill)',
    arity: 0,
    run({ db, say }) {
      sayPoints(say, pointsByMonth(db))
    },
  },

  'set-plan': {
    args: '<user> <plan>',
    help: `change the plan (${planIds.join(', ')})`,
    arity: 2,
    run({ db, say }, [input = '', plan = '']) {
      if (!(planIds as readonly string[]).includes(plan)) refuse(`unknown plan "${plan}": one of ${planIds.join(', ')}`)
      const user = userFrom(db, input)
      const before = setPlan(db, user.id, plan as (typeof planIds)[number])
      say(
        before === plan ? `${user.id} was already on ${plan}; nothing changed` : `${user.id}: plan ${before} → ${plan}`,
      )
    },
  },

  disable: {
    args: '<user>',
    help: 'stop the account: no sign-in, sessions ended, API key refused',
    arity: 1,
    run({ db, now, say }, [input = '']) {
      const user = userFrom(db, input)
      if (user.disabledAt !== null) {
        say(`${user.id} is already disabled (since ${formatTime(user.disabledAt)}); nothing changed`)
        return
      }
      const ended = disableAccount(db, user.id, now)
      say(`${user.id}: disabled; ${ended} session${ended === 1 ? '' : 's'} signed out; its API key is refused`)
    },
  },

  enable: {
    args: '<user>',
    help: 'undo disable (the person signs in again; the API key works again)',
    arity: 1,
    run({ db, say }, [input = '']) {
      const user = userFrom(db, input)
      if (user.disabledAt === null) {
        say(`${user.id} is not disabled; nothing changed`)
        return
      }
      enableAccount(db, user.id)
      say(`${user.id}: enabled`)
    },
  },

  'delete-user': {
    args: '<user> --yes',
    help: 'delete the account and every file of it, as the account page does',
    arity: 1,
    flags: ['yes'],
    async run({ db, dataDir, mail, now, say }, [input = ''], { yes }) {
      const user = userFrom(db, input)
      if (!yes) refuse(`this deletes ${user.id} and all its data for good; add --yes to go ahead`)
      await deleteAccount(db, dataDir, user.id, { mail, now })
      say(`${user.id}: deleted (account, briefs, photos, videos, keys, sessions and files)`)
    },
  },
}
