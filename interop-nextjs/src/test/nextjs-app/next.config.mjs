/** The interop app: route handlers only, no telemetry, nothing cached between requests. */
const nextConfig = {
  devIndicators: false,
};
export default nextConfig;
