// The App Router's root layout.
export const metadata = { title: 'Next.js consumer' };

export default function RootLayout({ children }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
