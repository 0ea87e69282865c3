// AWS Lambda entry point. The configuration is read and validated once per cold start; with an
// invalid configuration every invocation fails with the same named error, so the Lambda's error
// metric and the log show what to fix.

import type { RequestEnvelope, ResponseEnvelope } from 'ask-sdk-model';
import { describeConfig, loadConfig, SkillConfigError } from './config.js';
import { createLogger } from './log.js';
import { createSkillHandler, type SkillHandler } from './skill.js';

export { createSkillHandler } from './skill.js';
export { loadConfig } from './config.js';

function coldStart(): SkillHandler | Error {
  try {
    const config = loadConfig(process.env);
    const log = createLogger(config.logLevel);
    log.info('skill configured', describeConfig(config));
    return createSkillHandler(config, { log });
  } catch (error) {
    const problem = error instanceof SkillConfigError ? error : new Error(String(error));
    createLogger('error').error(`skill configuration invalid: ${problem.message}`, {
      field: problem instanceof SkillConfigError ? problem.field : undefined,
    });
    return new Error(`skill configuration invalid: ${problem.message}`);
  }
}

const skill = coldStart();

export async function handler(event: RequestEnvelope): Promise<ResponseEnvelope> {
  if (skill instanceof Error) throw skill;
  return skill.invoke(event);
}
