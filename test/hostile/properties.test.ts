import { newsroomFormProperties } from '../support/property-suites/newsroom-forms.js';
import { publicEndpointProperties } from '../support/property-suites/public-endpoints.js';

// The long runs of the property suites that `npm test` runs briefly (test/web/properties).
publicEndpointProperties(600);
newsroomFormProperties(400);
