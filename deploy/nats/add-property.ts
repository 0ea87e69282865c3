// Prints the nsc commands that add one property to the property server: its account with its
// limits, the skill's user, one user per desk (or one shared by the desks), their .creds files, and
// the push to the running cluster. Review the script, then run it where the operator's nsc keys are:
//   npx tsx deploy/nats/add-property.ts hotel-berlin "Front desk 1" "Front desk 2" > add-hotel-berlin.sh
//   sh add-hotel-berlin.sh
import { ACCOUNT_LIMITS, CONNECTION_TYPES, propertyAccess, type UserAccess } from './property-access.js';

function addPropertyScript(property: string, deskNames: string[] = []): string {
  const access = propertyAccess(property);
  const account = access.account;
  const desks = deskNames.length ? deskNames.map((name) => `desk-${slug(name)}`) : ['desk'];
  const user = (name: string, a: UserAccess) => [
    `nsc add user --account ${account} --name ${name} ${a.pub.map((s) => `--allow-pub ${q(s)}`).join(' ')} ${a.sub.map((s) => `--allow-sub ${q(s)}`).join(' ')}${a.responses ? ' --allow-pub-response --response-ttl 1m' : ''}`,
    `nsc edit user --account ${account} --name ${name} --conn-type ${CONNECTION_TYPES.join(',')}`,
    `nsc generate creds --account ${account} --name ${name} --output-file ${q(`${property}-${name}.creds`)}`,
  ];
  return [
    '#!/bin/sh',
    `# Property ${property}: one NATS account, the skill's user and the desks' (deploy/nats/property-access.ts).`,
    'set -eu',
    `nsc add account --name ${account}`,
    `nsc edit account --name ${account} --conns ${ACCOUNT_LIMITS.conns} --leaf-conns 0 --payload ${ACCOUNT_LIMITS.payload} ` +
      `--js-disk-storage ${ACCOUNT_LIMITS.diskStorage} --js-mem-storage 0 --js-streams ${ACCOUNT_LIMITS.streams} --js-consumer ${ACCOUNT_LIMITS.consumers}`,
    '# The skill (its .creds text is the Lambda\'s BROKER_CREDS).',
    ...user('skill', access.skill),
    '# The desks (each .creds text goes into a desk-join file, or DESK_BROKER_CREDS).',
    ...desks.flatMap((name) => user(name, access.desk)),
    `nsc push --account ${account}`,
    '',
  ].join('\n');
}

/** Single-quoted for sh: the subjects hold "$" and ">". */
function q(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

/** "Front desk 2" → "front-desk-2": an nsc user name. */
function slug(name: string): string {
  const s = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  if (!s) throw new Error(`desk name "${name}" has no letters or digits`);
  return s;
}

const [property, ...deskNames] = process.argv.slice(2);
if (!property) {
  process.stderr.write('Usage: npx tsx deploy/nats/add-property.ts <property-id> ["Desk name" ...]\n');
  process.exit(2);
}
try {
  process.stdout.write(addPropertyScript(property, deskNames));
} catch (e) {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(2);
}
