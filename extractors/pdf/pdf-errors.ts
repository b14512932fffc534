/**
 * The Chinese messages of the PDF reader's rejections, shared by both engines (pdf.js and PDFium),
 * in a module of their own so that the PDFium path never loads pdf.js.
 */
export const encryptedMessage = '该PDF已加密（设有打开密码），无法读取，请提供未加密的文件。';
export const corruptMessage = '该PDF文件已损坏或格式无效，无法读取，请重新导出后报送。';
