/** Interned effective-email domains: users store a small number instead of a string. */
export class DomainDictionary {
  /** Index 0 is '' (no effective email). */
  readonly names: string[] = [''];
  #ids = new Map<string, number>([['', 0]]);

  idOf(domain: string): number {
    let id = this.#ids.get(domain);
    if (id === undefined) {
      id = this.names.length;
      this.names.push(domain);
      this.#ids.set(domain, id);
    }
    return id;
  }
}
