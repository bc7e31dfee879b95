import Module from 'node:module';

const loadedOnDemand: string[] = [];

/**
 * Makes `require(id)` — resolved as `requireFrom` resolves it — return a stand-in that loads the
 * real module the first time anything reads from it, then forwards to it. For dependencies of a
 * library that are loaded at start-up but used only by features Deskbridge does not turn on:
 * they cost memory and start-up time, and behave exactly as before when they are used.
 *
 * Works through `require.cache` (documented: entries may be added). Does nothing if the module
 * is loaded already. Reading a property (including `class X extends m.Y` at load time) loads it.
 */
export function deferModuleLoad(requireFrom: NodeJS.Require, id: string): void {
    const filename = requireFrom.resolve(id);
    if (require.cache[filename]) return;
    let real: object | undefined;
    const load = (): object => {
        if (real === undefined) {
            delete require.cache[filename];
            real = requireFrom(id) as object;
            loadedOnDemand.push(id);
        }
        return real;
    };
    const standIn = new Proxy(
        {},
        {
            get: (_target, key) => Reflect.get(load(), key) as unknown,
            has: (_target, key) => Reflect.has(load(), key),
            ownKeys: () => Reflect.ownKeys(load()),
            getOwnPropertyDescriptor: (_target, key) => {
                const descriptor = Reflect.getOwnPropertyDescriptor(load(), key);
                // A proxy may not report a property as non-configurable that its own target lacks.
                return descriptor && { ...descriptor, configurable: true };
            }
        }
    );
    const placeholder = new Module(filename);
    placeholder.filename = filename;
    placeholder.loaded = true;
    placeholder.exports = standIn;
    require.cache[filename] = placeholder;
}

/** The deferred modules that have been loaded since, by the id they were deferred under. */
export function deferredModulesLoaded(): readonly string[] {
    return [...loadedOnDemand];
}
