// Whether the session was offered the callback widget: the widget marks it, the call-tracking chunk reads it to skip loading the widget again.

export const shownKey = (session: string | undefined) => `pulse_callback_${session}`;
