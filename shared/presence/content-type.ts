// Apart from the PIDF reader and writer, so code that only names the type (Accept headers, the
// publisher) does not pull the XML parser into the first bundle.
export const PIDF_CONTENT_TYPE = 'application/pidf+xml'
