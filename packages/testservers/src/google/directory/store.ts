import { classicError } from '../errors.js';
import { newEtag, passthroughFields, type DirectoryUser } from './model.js';
import {
  checkBoolean,
  checkEmail,
  checkNamePart,
  checkOrgUnitPath,
  checkPassword,
} from './validate.js';

/** Settings that tests change to reach edge cases. */
export interface DirectorySettings {
  /** For this long after insert, the user counts as not yet propagated. */
  propagationDelayMs: number;
  /** Status of a mutation on a user that is not yet propagated. */
  incompleteStatus: 400 | 412;
}

export const defaultDirectorySettings: DirectorySettings = {
  propagationDelayMs: 0,
  incompleteStatus: 412,
};

type UserBody = Record<string, unknown>;

export function userNotFound() {
  return classicError(404, 'Resource Not Found: userKey', 'notFound');
}

function duplicate() {
  return classicError(409, 'Entity already exists.', 'duplicate');
}

/** Users of the Directory test server, with Google's checks on insert and update. */
export class DirectoryStore {
  settings: DirectorySettings = { ...defaultDirectorySettings };
  users = new Map<string, DirectoryUser>();
  private nextId = 100000000000000000001n;

  constructor(private readonly domains: () => Set<string>) {}

  reset(): void {
    this.settings = { ...defaultDirectorySettings };
    this.users.clear();
  }

  /** Finds a user by id, primary email or alias; emails ignore case. */
  find(userKey: string, includeDeleted = false): DirectoryUser | undefined {
    const key = userKey.toLowerCase();
    for (const user of this.users.values()) {
      if (user.deleted && !includeDeleted) continue;
      if (user.id === userKey || user.primaryEmail === key || user.aliases.includes(key))
        return user;
    }
    return undefined;
  }

  /**
   * Returns the user for a request, or throws 404. A user inside its propagation delay is
   * not found by reads and rejects mutations with "User creation is not complete".
   */
  require(userKey: string, purpose: 'read' | 'write'): DirectoryUser {
    const user = this.find(userKey);
    if (user === undefined) throw userNotFound();
    if (user.readyAt <= Date.now()) return user;

    if (purpose === 'read') throw userNotFound();
    throw classicError(
      this.settings.incompleteStatus,
      'User creation is not complete.',
      this.settings.incompleteStatus === 412 ? 'conditionNotMet' : 'invalid',
    );
  }

  private checkDomain(email: string): void {
    const domain = email.slice(email.indexOf('@') + 1);
    if (!this.domains().has(domain)) {
      throw classicError(403, 'Not Authorized to access this resource/api', 'forbidden');
    }
  }

  // A deleted user's address is free again, so only active users conflict.
  private checkUnique(email: string, except?: DirectoryUser): void {
    const existing = this.find(email);
    if (existing !== undefined && existing !== except) throw duplicate();
  }

  /** Creates a user as `users.insert` does. */
  insert(body: UserBody): DirectoryUser {
    const primaryEmail = checkEmail(body.primaryEmail);
    this.checkDomain(primaryEmail);
    const name = (body.name ?? {}) as Record<string, unknown>;
    const givenName = checkNamePart(name.givenName, 'GivenName');
    const familyName = checkNamePart(name.familyName, 'FamilyName');
    checkPassword(body.password, body.hashFunction);
    this.checkUnique(primaryEmail);

    const now = Date.now();
    const user: DirectoryUser = {
      id: String(this.nextId++),
      primaryEmail,
      name: { givenName, familyName },
      aliases: [],
      hasPassword: true,
      suspended: false,
      archived: false,
      orgUnitPath: '/',
      changePasswordAtNextLogin: false,
      includeInGlobalAddressList: true,
      extra: {},
      creationTime: new Date(now).toISOString(),
      readyAt: now + this.settings.propagationDelayMs,
      etag: newEtag(),
      deleted: false,
    };
    this.applyOptionalFields(user, body);
    this.users.set(user.id, user);
    return user;
  }

  /**
   * Changes a user with patch semantics, as both `users.update` and `users.patch` do in
   * Google's implementation: omitted fields stay, `null` clears an optional field.
   */
  update(user: DirectoryUser, body: UserBody): DirectoryUser {
    if (body.primaryEmail !== undefined && body.primaryEmail !== null) {
      const email = checkEmail(body.primaryEmail);
      if (email !== user.primaryEmail) {
        this.checkDomain(email);
        this.checkUnique(email, user);
        // Renaming keeps the old address as an alias, as Google does.
        user.aliases = [...user.aliases.filter((alias) => alias !== email), user.primaryEmail];
        user.primaryEmail = email;
      }
    }

    if (body.name !== undefined && body.name !== null) {
      const name = body.name as Record<string, unknown>;
      if (name.givenName !== undefined)
        user.name.givenName = checkNamePart(name.givenName, 'GivenName');
      if (name.familyName !== undefined) {
        user.name.familyName = checkNamePart(name.familyName, 'FamilyName');
      }
    }

    if (body.password !== undefined && body.password !== null) {
      checkPassword(body.password, body.hashFunction);
      user.hasPassword = true;
    }

    this.applyOptionalFields(user, body);
    user.etag = newEtag();
    return user;
  }

  private applyOptionalFields(user: DirectoryUser, body: UserBody): void {
    if (body.suspended !== undefined && body.suspended !== null) {
      user.suspended = checkBoolean(body.suspended, 'suspended');
    }
    if (body.archived !== undefined && body.archived !== null) {
      user.archived = checkBoolean(body.archived, 'archived');
    }
    if (body.changePasswordAtNextLogin !== undefined && body.changePasswordAtNextLogin !== null) {
      user.changePasswordAtNextLogin = checkBoolean(
        body.changePasswordAtNextLogin,
        'changePasswordAtNextLogin',
      );
    }
    if (body.includeInGlobalAddressList !== undefined && body.includeInGlobalAddressList !== null) {
      user.includeInGlobalAddressList = checkBoolean(
        body.includeInGlobalAddressList,
        'includeInGlobalAddressList',
      );
    }
    if (body.orgUnitPath !== undefined) {
      user.orgUnitPath = body.orgUnitPath === null ? '/' : checkOrgUnitPath(body.orgUnitPath);
    }

    for (const field of passthroughFields) {
      if (body[field] === null) delete user.extra[field];
      else if (body[field] !== undefined) user.extra[field] = body[field];
    }
  }

  /**
   * Restores a deleted user found by id or primary email, or throws 404. Throws 409 when an
   * active user has taken the address since.
   */
  undelete(userKey: string): DirectoryUser {
    const key = userKey.toLowerCase();
    const user = [...this.users.values()].find(
      (candidate) =>
        candidate.deleted && (candidate.id === userKey || candidate.primaryEmail === key),
    );
    if (user === undefined) throw userNotFound();

    this.checkUnique(user.primaryEmail, user);
    user.deleted = false;
    user.etag = newEtag();
    return user;
  }

  /** Returns the users of a domain, or of the whole customer, that match `query`. */
  list(domain: string | undefined, matches: (user: DirectoryUser) => boolean): DirectoryUser[] {
    return [...this.users.values()]
      .filter((user) => domain === undefined || user.primaryEmail.endsWith(`@${domain}`))
      .filter(matches)
      .sort((a, b) => a.primaryEmail.localeCompare(b.primaryEmail));
  }
}
