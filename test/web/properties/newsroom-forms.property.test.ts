import { newsroomFormProperties } from '../../support/property-suites/newsroom-forms.js';

// Fast runs; test/hostile/properties.test.ts runs many more.
newsroomFormProperties(40);
