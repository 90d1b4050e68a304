export { createHttpApp, type HttpAppOptions } from './lib/create-http-app';
export { ProblemDetailsFilter } from './lib/problem-details.filter';
export { PROBLEM_CONTENT_TYPE, ProblemException, problemType, sendProblem, type FieldError, type ProblemDetails } from './lib/problem-details';
export { runMain } from './lib/run-main';
export { type ApiLink, Endpoint, type EndpointContract } from './lib/endpoint';
export { apiDocumentConfig, type ApiDescription } from './lib/api-document';
export { checkResumeUpload, readZipDirectory, registerResumeBodyParsers, RESUME_CONTENT_TYPES, RESUME_MAX_BYTES, ZipDirectoryError, type ResumeContentType, type ZipEntry } from './lib/uploads/resume-upload';
export { canonicalJson } from './lib/canonical-json';
