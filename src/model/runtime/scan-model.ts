// Builds a "prefix" model from the step model: an ONNX Scan that runs the step graph over a whole token sequence
// in one session call, so that reading a long document costs one call instead of one per token.
import { Writer, fieldString, readFields, type Field } from './protobuf';

export const PREFIX_INPUTS = { tokens: 'prefix_tokens', h: 'prefix_h', c: 'prefix_c' } as const;
export const PREFIX_OUTPUTS = { h: 'prefix_h_out', c: 'prefix_c_out', logits: 'prefix_logits' } as const;

const MODEL = { irVersion: 1, opset: 8, graph: 7 };
const GRAPH = { node: 1, name: 2, input: 11, output: 12 };
const NODE = { input: 1, output: 2, name: 3, opType: 4, attribute: 5 };
const ATTR = { name: 1, i: 3, g: 6, type: 20 };
const ATTR_INT = 2;
const ATTR_GRAPH = 5;
const FLOAT = 1;
const INT64 = 7;

function valueInfoName(f: Field): string {
  const name = readFields(f.value as Uint8Array).find((x) => x.no === 1);
  return name ? fieldString(name) : '';
}

/** A tensor value info with named dimensions (strings) and fixed ones (numbers). */
function valueInfo(name: string, elemType: number, dims: (string | number)[]): Writer {
  const shape = new Writer();
  for (const d of dims) shape.message(1, typeof d === 'number' ? new Writer().int(1, d) : new Writer().string(2, d));
  const tensor = new Writer().int(1, elemType).message(2, shape);
  return new Writer().string(1, name).message(2, new Writer().message(1, tensor));
}

/** The step graph with its inputs ordered (h, c, tokens) and outputs (h_out, c_out, logits), as a Scan body. */
function scanBody(graph: Uint8Array): Uint8Array {
  const fields = readFields(graph);
  const pick = (no: number, order: string[]): Field[] => {
    const byName = new Map(fields.filter((f) => f.no === no).map((f) => [valueInfoName(f), f]));
    return order.map((n) => {
      const f = byName.get(n);
      if (!f) throw new Error(`the step graph has no ${no === GRAPH.input ? 'input' : 'output'} '${n}'`);
      return f;
    });
  };
  const inputs = pick(GRAPH.input, ['h', 'c', 'tokens']);
  const outputs = pick(GRAPH.output, ['h_out', 'c_out', 'logits']);
  const w = new Writer();
  for (const f of fields) if (f.no !== GRAPH.input && f.no !== GRAPH.output) w.raw(f);
  for (const f of inputs) w.raw(f);
  for (const f of outputs) w.raw(f);
  return w.finish();
}

/** The prefix model's bytes: inputs prefix_tokens [T,B], prefix_h, prefix_c; outputs prefix_h_out, prefix_c_out, prefix_logits [T,B,V]. */
export function buildPrefixModel(stepModel: Uint8Array, layers: number, hidden: number, vocab: number): Uint8Array {
  const fields = readFields(stepModel);
  const graphField = fields.find((f) => f.no === MODEL.graph);
  if (!graphField) throw new Error('no graph in the model');
  const scan = new Writer()
    .string(NODE.input, PREFIX_INPUTS.h)
    .string(NODE.input, PREFIX_INPUTS.c)
    .string(NODE.input, PREFIX_INPUTS.tokens)
    .string(NODE.output, PREFIX_OUTPUTS.h)
    .string(NODE.output, PREFIX_OUTPUTS.c)
    .string(NODE.output, PREFIX_OUTPUTS.logits)
    .string(NODE.name, 'prefix_scan')
    .string(NODE.opType, 'Scan')
    .message(NODE.attribute, new Writer().string(ATTR.name, 'body').int(ATTR.type, ATTR_GRAPH).bytes(ATTR.g, scanBody(graphField.value as Uint8Array)))
    .message(NODE.attribute, new Writer().string(ATTR.name, 'num_scan_inputs').int(ATTR.type, ATTR_INT).int(ATTR.i, 1));
  const graph = new Writer()
    .message(GRAPH.node, scan)
    .string(GRAPH.name, 'bachbot_prefix')
    .message(GRAPH.input, valueInfo(PREFIX_INPUTS.tokens, INT64, ['seq', 'batch']))
    .message(GRAPH.input, valueInfo(PREFIX_INPUTS.h, FLOAT, [layers, 'batch', hidden]))
    .message(GRAPH.input, valueInfo(PREFIX_INPUTS.c, FLOAT, [layers, 'batch', hidden]))
    .message(GRAPH.output, valueInfo(PREFIX_OUTPUTS.h, FLOAT, [layers, 'batch', hidden]))
    .message(GRAPH.output, valueInfo(PREFIX_OUTPUTS.c, FLOAT, [layers, 'batch', hidden]))
    .message(GRAPH.output, valueInfo(PREFIX_OUTPUTS.logits, FLOAT, ['seq', 'batch', vocab]));
  const model = new Writer();
  for (const f of fields) {
    if (f.no === MODEL.graph) model.message(MODEL.graph, graph);
    else model.raw(f);
  }
  void MODEL.irVersion;
  void MODEL.opset;
  return model.finish();
}
