/** The detector registry: the engine runs every detector listed here. */
import { c2paDetector } from './c2pa/index';
import type { Detector } from './detector';
import { generatorParamsDetector } from './generator-params/index';
import { metadataDetector } from './metadata/index';
import { watermarkDetector } from './watermark/index';

export const byteDetectors: Detector[] = [c2paDetector, metadataDetector, generatorParamsDetector];
/** ONNX models are run separately. */
export const pixelDetectors: Detector[] = [watermarkDetector];
