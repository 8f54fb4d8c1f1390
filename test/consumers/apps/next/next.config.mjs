// The consumer's Next.js config: nothing Chatlet-specific is needed.
export default {};
