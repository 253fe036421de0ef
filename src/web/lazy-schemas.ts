import ajvCompiler from '@fastify/ajv-compiler';
import serializerSelector from '@fastify/fast-json-stringify-compiler';
import type { FastifyServerOptions } from 'fastify';

type CompilersFactory = NonNullable<NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']>;

/**
 * Fastify's own schema compilers (Ajv for requests, fast-json-stringify for answers), each route's
 * function compiled when that route first needs it instead of for every route (and its HEAD twin)
 * before the server listens. Compiling them all was about a tenth of start-up, for routes most
 * processes never see (issue 12, "Footprint"). Validation and answers are the same: the compiled
 * function is Fastify's default one, called through a forwarder.
 *
 * A schema Ajv cannot compile now fails its route's first request (a 500) rather than start-up;
 * the route tests (every route is requested by the API and admin matrices) keep that from shipping.
 */
export function lazySchemaCompilers(): CompilersFactory {
  const buildValidator = ajvCompiler();
  const buildSerializer = serializerSelector();
  return {
    buildValidator: (externalSchemas, ajvOptions) => {
      let compiler: ReturnType<typeof buildValidator> | undefined;
      return (route) => {
        let validate: ((data: unknown, context?: unknown) => unknown) & { errors?: unknown };
        // Fastify passes the parent (so Ajv may change a root value) when the function carries
        // `schemaEnv`, as every Ajv function does, and reads `errors` after a false answer.
        const forward = Object.assign(
          function validateLazily(data: unknown, context?: unknown) {
            validate ??= (compiler ??= buildValidator(externalSchemas, ajvOptions))(route) as typeof validate;
            const valid = validate(data, context);
            forward.errors = validate.errors;
            return valid;
          },
          { schemaEnv: true, errors: null as unknown },
        );
        return forward as unknown as ReturnType<ReturnType<typeof buildValidator>>;
      };
    },
    buildSerializer: (externalSchemas, serializerOptions) => {
      let compiler: ReturnType<typeof buildSerializer> | undefined;
      return (route) => {
        let serialize: ((data: unknown) => string) | undefined;
        return (data: unknown) => (serialize ??= (compiler ??= buildSerializer(externalSchemas, serializerOptions))(route))(data);
      };
    },
  };
}
