// Fetching from the explorer API (same origin; nothing else is ever contacted).

export class ApiError extends Error {}

export function queryString(params) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params || {})) {
    if (value === undefined || value === null || value === "" || value === false) continue;
    search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : "";
}

export async function getJSON(path, params) {
  let response;
  try {
    response = await fetch(path + queryString(params), { headers: { Accept: "application/json" } });
  } catch (err) {
    throw new ApiError(`cannot reach the explorer server (${err.message})`);
  }
  if (!response.ok) {
    let message = `${response.status} ${response.statusText}`;
    try {
      const body = await response.json();
      if (typeof body.detail === "string") message = body.detail;
      else if (Array.isArray(body.detail)) message = body.detail.map((d) => d.msg).join("; ");
    } catch {
      // not JSON: keep the status line
    }
    throw new ApiError(message);
  }
  return response.json();
}
