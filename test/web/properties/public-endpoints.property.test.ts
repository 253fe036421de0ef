import { publicEndpointProperties } from '../../support/property-suites/public-endpoints.js';

// Fast runs (a few hundred hostile requests); test/hostile/properties.test.ts runs many more.
publicEndpointProperties(60);
