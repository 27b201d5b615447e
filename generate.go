package linux

// Regenerate every generated file from the pinned kernel packages (internal/gen/deps.lock).
//go:generate bash internal/gen/generate.sh
