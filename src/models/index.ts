// Public API of this module (re-exported by src/index.ts as `cl.models`).
export { lenet5, type LeNetOptions } from "./lenet";
export { vggBlock, InceptionModule, ResidualBlock, type InceptionChannels } from "./blocks";
export { TextCNN, textCnn, type TextCnnOptions } from "./text_cnn";
