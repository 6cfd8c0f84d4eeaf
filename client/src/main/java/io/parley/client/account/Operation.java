package io.parley.client.account;

/**
 * One command at the prompt (BM, PM, CH, EX): it starts and ends with the server in its prompt
 * state (spec: {@code shared/specs/account.md}, "Operations"). Session thread only.
 */
interface Operation {

    void run() throws SessionEnded, InputClosed;
}
