/** Trigger → transform → HTTP request: the three-node flow the benchmark runs per event. */
export function benchFlow(url: string) {
  return {
    formatVersion: 1,
    name: 'Bench',
    description: 'trigger, transform, HTTP request',
    nodes: [
      {
        id: 'trigger',
        type: 'scim.trigger',
        position: { x: 0, y: 0 },
        config: { endpoint: 'default', eventTypes: ['user.created'] },
      },
      {
        id: 'shape',
        type: 'logic.transform',
        position: { x: 0, y: 100 },
        config: { fields: { email: '{{ user.userName }}', name: '{{ user.name.givenName }}' } },
      },
      {
        id: 'notify',
        type: 'http.request',
        position: { x: 0, y: 200 },
        config: { method: 'POST', url, body: { person: '{{ steps.shape.output.email }}' } },
      },
    ],
    edges: [
      { id: 'e1', source: 'trigger', sourceHandle: 'out', target: 'shape' },
      { id: 'e2', source: 'shape', sourceHandle: 'out', target: 'notify' },
    ],
    credentials: [],
  };
}
