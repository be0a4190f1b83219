import { pod, workload } from '../../../test/helpers/fixtures.js';
import { testRule } from '../../../test/helpers/rule-tester.js';
import rule from './service-selector.js';

const service = (spec: string) => `apiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: a}\nspec: ${spec}\n---\n`;
const web = workload('Deployment', 'containers: [{name: app, image: x:1}]', { templateMetadata: '{labels: {app: web, tier: front}}' });

testRule(rule, {
  valid: [
    { name: 'selector matches a Deployment template', objects: service('{selector: {app: web}, ports: [{port: 80}]}') + web },
    { name: 'selector matches a live Pod', objects: service('{selector: {app: web}}') + pod().replace('metadata: {', 'metadata: {labels: {app: web}, ') },
    { name: 'no selector (manual endpoints)', objects: service('{ports: [{port: 80}]}'), status: 'not-applicable' },
    { name: 'ExternalName', objects: service('{type: ExternalName, externalName: db.example.com, selector: {app: x}}'), status: 'not-applicable' },
  ],
  invalid: [
    { name: 'typo in the selector', objects: service('{selector: {app: wbe}}') + web, messages: ['noPods'], paths: ['spec.selector'], messageIncludes: 'app=wbe' },
    { name: 'every selector label must match', objects: service('{selector: {app: web, tier: back}}') + web, messages: ['noPods'] },
    { name: 'pods in another namespace do not count', objects: service('{selector: {app: web}}') + workload('Deployment', 'containers: [{name: app, image: x:1}]', { namespace: 'b', templateMetadata: '{labels: {app: web}}' }), messages: ['noPods'] },
  ],
});
