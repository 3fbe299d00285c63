# nbconvert configuration for .ci/notebook.sh (loaded with --config): execute the notebook with a
# preprocessor that also keeps a cell's output that arrives after the kernel reports the cell idle.
# Deno's kernel can send a cell's result (execute_result, display_data) after its idle status, more
# often under load; nbconvert's own executor stops listening at idle and drops it.
from queue import Empty

from nbclient.exceptions import CellExecutionComplete
from nbclient.util import ensure_async
from nbconvert.preprocessors import ExecutePreprocessor


class LateOutputExecutePreprocessor(ExecutePreprocessor):
    """ExecutePreprocessor (its options apply) that listens until the cell's messages stop."""

    quiet_seconds = 1.0

    async def _async_poll_output_msg(self, parent_msg_id, cell, cell_index):
        await super()._async_poll_output_msg(parent_msg_id, cell, cell_index)
        while True:
            try:
                msg = await ensure_async(self.kc.iopub_channel.get_msg(timeout=self.quiet_seconds))
            except Empty:
                return
            if msg["parent_header"].get("msg_id") == parent_msg_id:
                try:
                    self.process_message(msg, cell, cell_index)
                except CellExecutionComplete:
                    pass


c = get_config()  # noqa: F821 (defined by traitlets when it loads this file)
c.NotebookExporter.preprocessors = [LateOutputExecutePreprocessor]
