import { liquidRule } from '../liquid-rule.js';

export default liquidRule('liquid-output', 'text Liquid drops while the build goes on: an output of something undefined, Liquid inside code', 'warn');
