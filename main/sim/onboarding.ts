// Simulated ASP onboarding APIs (asp-protocol.md §3.5, §3.6, §3.8): service providers, their
// network mapping to a skill, and WebRTC contacts in address books. State lives in memory.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { describeIssues } from '../protocol/messages.js';
import { HttpError, readJson, sendJson } from './http-util.js';

const nonEmpty = z.string().trim().min(1, 'must be a non-empty string').max(512, 'is too long');
const displayName = z.array(z.object({ locale: z.string().optional(), value: nonEmpty })).max(20, 'too many entries');

const createProviderSchema = z.object({ serviceProviderLogicalId: nonEmpty, displayName: displayName.optional() });
const updateProviderSchema = z.object({ displayName });
const networkSchema = z.object({
  networkType: z.literal('SKILL', 'must be "SKILL"'),
  skillConfiguration: z.object({
    skillId: z.string().regex(/^amzn1\.ask\.skill\.[\w.-]+$/, 'must look like amzn1.ask.skill.<id>'),
  }),
});
const contactSchema = z.object({
  contact: z.object({ name: nonEmpty, providerContact: z.object({ id: nonEmpty }) }),
});

export interface ServiceProviderRecord {
  serviceProviderId: string;
  serviceProviderLogicalId: string;
  displayName: { locale?: string; value: string }[];
  network: z.infer<typeof networkSchema> | null;
}

export interface ContactRecord {
  addressBookId: string;
  contactId: string;
  name: string;
  providerContactId: string;
}

function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body);
  if (!result.success) throw new HttpError(400, describeIssues(result.error));
  return result.data;
}

const PROVIDERS = /^\/v1\/communications\/serviceProviders(?:\/([^/]+)(\/network)?)?$/;
const CONTACTS = /^\/v1\/addressBooks\/([^/]+)\/contacts$/;

export class SimOnboarding {
  readonly providers = new Map<string, ServiceProviderRecord>();
  readonly contacts: ContactRecord[] = [];

  /** True when the path belongs to these APIs (the caller then authorizes and calls handle). */
  owns(path: string): boolean {
    return PROVIDERS.test(path) || CONTACTS.test(path);
  }

  async handle(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const method = req.method ?? 'GET';
    const contacts = CONTACTS.exec(path);
    if (contacts) {
      if (method !== 'POST') throw new HttpError(405, `${method} is not allowed here`);
      const { contact } = parse(contactSchema, await readJson(req));
      const record: ContactRecord = {
        addressBookId: decodeURIComponent(contacts[1]!),
        contactId: `amzn1.alexa.contact.${randomUUID()}`,
        name: contact.name,
        providerContactId: contact.providerContact.id,
      };
      this.contacts.push(record);
      sendJson(res, 201, { contactId: record.contactId });
      return;
    }
    const [, rawId, network] = PROVIDERS.exec(path)!;
    if (!rawId) {
      if (method !== 'POST') throw new HttpError(405, `${method} is not allowed here`);
      this.createProvider(parse(createProviderSchema, await readJson(req)), res);
      return;
    }
    const provider = this.providers.get(decodeURIComponent(rawId));
    if (!provider) throw new HttpError(404, `serviceProviderId "${decodeURIComponent(rawId)}" was not found`);
    if (network) await this.handleNetwork(req, res, method, provider);
    else await this.handleProvider(req, res, method, provider);
  }

  private createProvider(body: z.infer<typeof createProviderSchema>, res: ServerResponse): void {
    const taken = [...this.providers.values()].some((p) => p.serviceProviderLogicalId === body.serviceProviderLogicalId);
    if (taken) throw new HttpError(409, `serviceProviderLogicalId "${body.serviceProviderLogicalId}" is already in use`);
    const record: ServiceProviderRecord = {
      serviceProviderId: `amzn1.comms.csp.id.${randomUUID()}`,
      serviceProviderLogicalId: body.serviceProviderLogicalId,
      displayName: body.displayName ?? [],
      network: null,
    };
    this.providers.set(record.serviceProviderId, record);
    sendJson(res, 201, { serviceProviderId: record.serviceProviderId });
  }

  private async handleProvider(req: IncomingMessage, res: ServerResponse, method: string, p: ServiceProviderRecord) {
    if (method === 'GET') {
      const { network: _network, ...view } = p;
      sendJson(res, 200, view);
    } else if (method === 'PUT') {
      p.displayName = parse(updateProviderSchema, await readJson(req)).displayName;
      sendJson(res, 204);
    } else if (method === 'DELETE') {
      this.providers.delete(p.serviceProviderId);
      sendJson(res, 204);
    } else {
      throw new HttpError(405, `${method} is not allowed here`);
    }
  }

  private async handleNetwork(req: IncomingMessage, res: ServerResponse, method: string, p: ServiceProviderRecord) {
    if (method === 'GET') {
      if (!p.network) throw new HttpError(404, 'this service provider has no network mapping');
      sendJson(res, 200, p.network);
    } else if (method === 'POST') {
      const mapping = parse(networkSchema, await readJson(req));
      if (p.network) throw new HttpError(409, 'this service provider already has a network mapping; use PUT to change it');
      p.network = mapping;
      sendJson(res, 201, mapping);
    } else if (method === 'PUT') {
      const mapping = parse(networkSchema, await readJson(req));
      if (!p.network) throw new HttpError(404, 'this service provider has no network mapping');
      p.network = mapping;
      sendJson(res, 204);
    } else if (method === 'DELETE') {
      if (!p.network) throw new HttpError(404, 'this service provider has no network mapping');
      p.network = null;
      sendJson(res, 204);
    } else {
      throw new HttpError(405, `${method} is not allowed here`);
    }
  }
}
