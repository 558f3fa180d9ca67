/**
 * Shared read-only resources, loaded once and used by every document.
 *
 * A stage that offers a service to later stages (the morphology, the knowledge base) declares it
 * by augmenting `Services`:
 *
 *   declare module '../pipeline/context.js' { interface Services { morph: Morphology } }
 *
 * and registers it in its `load()` with `ctx.provide('morph', impl)`. Other stages ask for it with
 * `ctx.get('morph')` and never import the providing stage's internals.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-interface
export interface Services {}

export class Context {
  private readonly services = new Map<string, unknown>();

  provide<K extends keyof Services>(name: K, impl: Services[K]): void {
    this.services.set(name as string, impl);
  }

  has<K extends keyof Services>(name: K): boolean {
    return this.services.has(name as string);
  }

  get<K extends keyof Services>(name: K): Services[K] {
    const s = this.services.get(name as string);
    if (s === undefined) throw new Error(`service '${String(name)}' is not loaded (is its stage in the pipeline?)`);
    return s as Services[K];
  }

  maybe<K extends keyof Services>(name: K): Services[K] | undefined {
    return this.services.get(name as string) as Services[K] | undefined;
  }
}
