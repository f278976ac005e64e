import { liquidRule } from '../liquid-rule.js';

export default liquidRule('liquid-syntax', "Liquid that stops Jekyll's whole build: an unknown tag, an unclosed block or brace, a missing post, include or link", 'error');
