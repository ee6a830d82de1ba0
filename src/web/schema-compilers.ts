import { createRequire } from 'node:module';
import type { FastifyServerOptions } from 'fastify';

type CompilersFactory = NonNullable<NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']>;

// Resolved from Fastify's own folder: they are its dependencies, not Masthead's.
const fromFastify = createRequire(createRequire(import.meta.url).resolve('fastify'));

type BuildValidator = NonNullable<CompilersFactory['buildValidator']>;
type BuildSerializer = NonNullable<CompilersFactory['buildSerializer']>;
let validator: BuildValidator | undefined;
let serializer: BuildSerializer | undefined;

/**
 * Fastify's own validator and serializer compilers (Ajv and fast-json-stringify), loaded the
 * first time a route with a schema is compiled instead of when the app is built: Masthead's
 * routes validate their input in the services, so a start no longer loads Ajv's 80 modules
 * (about 50 ms). A route given a schema still gets exactly Fastify's compilers.
 */
export const lazySchemaCompilers: CompilersFactory = {
  buildValidator: (...args) => (validator ??= (fromFastify('@fastify/ajv-compiler') as () => BuildValidator)())(...args),
  buildSerializer: (...args) => (serializer ??= (fromFastify('@fastify/fast-json-stringify-compiler') as () => BuildSerializer)())(...args),
};
