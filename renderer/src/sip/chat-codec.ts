// What messaging loads on first use: reading incoming chat content (CPIM, IMDN, encodings) and
// wrapping outgoing messages and receipts. One chunk, loaded after the REGISTER.
export { readIncoming } from './chat-content'
export { receipt, requestReceipts } from './chat-envelope'
