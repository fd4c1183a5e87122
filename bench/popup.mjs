export async function popup() { throw new Error("todo"); }
