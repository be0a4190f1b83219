import { pod as podWith } from '../../../test/helpers/fixtures.js';
import { testRule } from '../../../test/helpers/rule-tester.js';
import rule from './image-digest.js';

const pod = (image: string) => podWith({ image });
const DIGEST = 'sha256:0000000000000000000000000000000000000000000000000000000000000000';
const required = (c: { images?: { requireDigest?: boolean } }): void => {
  c.images = { requireDigest: true };
};

testRule(rule, {
  valid: [
    { name: 'pinned by digest', objects: pod(`registry.example.com/app@${DIGEST}`), config: required },
    { name: 'tag and digest', objects: pod(`nginx:1.27@${DIGEST}`), config: required },
    { name: 'not required', objects: pod('nginx:1.27'), status: 'not-applicable' },
  ],
  invalid: [
    { name: 'version tag only', objects: pod('nginx:1.27'), config: required, messages: ['noDigest'], paths: ['spec.containers[0].image'], messageIncludes: 'nginx:1.27' },
  ],
});
