import { join } from 'node:path';
import { ModelLoadError } from '../errors';
import { MAX_GRAPH_BYTES, readModelConfigJson, readModelFile } from '../model-file';
import { nativeBackend } from '../runtime/native-session';
import { shortReason } from '../runtime/providers';
import { NativeEngineUnavailable, type ConcreteProvider, type ModelSession, type SessionBackend } from '../runtime/session';
import { wasmBackend } from '../runtime/wasm-session';
import { zeroState } from '../step';
import { validateHarmonizerConfig } from './config';
import { HarmonizerModel } from './harmonizer-model';
import { GRAPH_NAMES, OnnxHarmonizerNetwork, type GraphName } from './onnx-network';

export interface LoadHarmonizerOptions {
  /** 'cpu' (default: native onnxruntime, WebAssembly where it will not load), 'wasm', or a GPU provider. */
  provider?: ConcreteProvider;
  /** The native backend to try first (tests put one that will not load here). */
  nativeBackend?: SessionBackend;
}

/** Reads and checks `dir/config.json` and the four graphs it names, opens them, and runs one test frame. */
export async function loadHarmonizer(dir: string, options: LoadHarmonizerOptions = {}): Promise<HarmonizerModel> {
  const configPath = join(dir, 'config.json');
  const raw = readModelConfigJson(dir);
  let config;
  try {
    config = validateHarmonizerConfig(raw);
  } catch (err) {
    throw new ModelLoadError(`${configPath}: ${(err as Error).message.replace(/^config\.json: /, '')}`);
  }
  // Read here and handed to onnxruntime as bytes: it never opens a path the checks have not seen.
  const graphs = {} as Record<GraphName, Graph>;
  for (const name of GRAPH_NAMES) {
    const file = config.graphs[name];
    graphs[name] = { path: join(dir, file), bytes: readModelFile(dir, file, MAX_GRAPH_BYTES, 'config.json names it in "graphs"') };
  }
  let provider = options.provider ?? 'cpu';
  let providerNote = `${provider} (requested)`;
  let sessions: Record<GraphName, ModelSession>;
  try {
    sessions = await openAll(provider === 'wasm' ? wasmBackend : options.nativeBackend ?? nativeBackend, graphs, provider);
  } catch (err) {
    if (!(err instanceof NativeEngineUnavailable)) throw err;
    sessions = await openAll(wasmBackend, graphs, 'wasm');
    providerNote = `wasm: ${err.message}`;
    provider = 'wasm';
  }
  const network = new OnnxHarmonizerNetwork(sessions, config.vocab.length, config.encoder.width, config.decoder.layers, config.decoder.hidden, config.decoder.output);
  await testFrame(network, dir);
  return new HarmonizerModel(config, network, { provider, providerNote, dir });
}

/** A graph of the folder: its path for messages, its bytes for onnxruntime. */
interface Graph {
  path: string;
  bytes: Uint8Array;
}

async function openAll(backend: SessionBackend, graphs: Record<GraphName, Graph>, provider: ConcreteProvider): Promise<Record<GraphName, ModelSession>> {
  const sessions = {} as Record<GraphName, ModelSession>;
  try {
    for (const name of GRAPH_NAMES) {
      try {
        sessions[name] = await backend.open(graphs[name].bytes, provider);
      } catch (err) {
        if (err instanceof NativeEngineUnavailable) throw err;
        throw new ModelLoadError(`${graphs[name].path} is not a valid ONNX model (${shortReason(err)})`);
      }
    }
  } catch (err) {
    await Promise.all(Object.values(sessions).map((s) => s.release()));
    throw err;
  }
  return sessions;
}

async function testFrame(network: OnnxHarmonizerNetwork, dir: string): Promise<void> {
  try {
    const one = Int32Array.from([0]);
    const encoding = await network.encode({ soprano: one, fermata: one, position: one, bar: one, chord: one, minor: one });
    if (encoding.length !== network.encodingWidth) throw new Error(`the encoder gives ${encoding.length} numbers per frame, config.json says ${network.encodingWidth}`);
    const step = await network.step(encoding, [0], [0], [0], zeroState(network.layers, network.hidden, 1));
    if (step.hidden.length !== network.outputWidth) throw new Error(`the decoder's output row has ${step.hidden.length} numbers, config.json says ${network.outputWidth}`);
    if (step.altoLogits.length !== network.vocabSize) throw new Error(`the decoder gives ${step.altoLogits.length} logits for a vocabulary of ${network.vocabSize}`);
    const tenor = await network.tenor(step.hidden, [0]);
    const bass = await network.bass(step.hidden, [0], [0]);
    if (tenor.length !== network.vocabSize || bass.length !== network.vocabSize) throw new Error('the tenor or bass graph gives the wrong number of logits');
  } catch (err) {
    await network.dispose();
    throw new ModelLoadError(`the harmonizer in ${dir} failed a test frame with the shapes from config.json: ${shortReason(err)}`);
  }
}
