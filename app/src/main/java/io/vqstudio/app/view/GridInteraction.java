package io.vqstudio.app.view;

import io.vqstudio.app.control.TokenGridCanvas;
import io.vqstudio.app.viewmodel.EditorViewModel;
import io.vqstudio.app.viewmodel.EditorViewModel.Tool;
import io.vqstudio.app.viewmodel.TokenGridViewModel;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;

/**
 * What the pointer does on the token grid, by tool: select (click a cell, drag a rectangle; shift
 * or ctrl adds), brush (paint a selection), paint (write the paint code), eyedropper (pick a code).
 * Right-click always picks the code under the pointer.
 */
final class GridInteraction implements TokenGridCanvas.CellHandler {

    private final EditorViewModel editor;
    private final TokenGridViewModel grid;
    private int startRow;
    private int startCol;
    private boolean add;

    GridInteraction(EditorViewModel editor, TokenGridViewModel grid) {
        this.editor = editor;
        this.grid = grid;
    }

    @Override
    public void pressed(int row, int col, MouseEvent e) {
        if (e.getButton() == MouseButton.SECONDARY) {
            editor.pick(row, col);
            return;
        }
        startRow = row;
        startCol = col;
        add = e.isShiftDown() || e.isShortcutDown();
        switch (editor.toolProperty().get()) {
            case SELECT -> editor.clickCell(row, col, add);
            case BRUSH -> {
                if (!add) {
                    editor.clearSelection();
                }
                editor.brush(row, col);
            }
            case PAINT -> editor.paintCell(row, col);
            case EYEDROPPER -> editor.pick(row, col);
        }
    }

    @Override
    public void dragged(int row, int col, MouseEvent e) {
        if (e.getButton() != MouseButton.PRIMARY) {
            return;
        }
        Tool tool = editor.toolProperty().get();
        if (tool == Tool.SELECT && (row != startRow || col != startCol)) {
            editor.selectRect(startRow, startCol, row, col, add);
        } else if (tool == Tool.BRUSH) {
            editor.brush(row, col);
        } else if (tool == Tool.PAINT) {
            editor.paintCell(row, col);
        }
        grid.hover(row, col);
    }

    @Override
    public void released(int row, int col, MouseEvent e) {
        // Selections and paints are complete on every drag step.
    }

    @Override
    public void hovered(int row, int col) {
        grid.hover(row, col);
    }

    @Override
    public void exited() {
        grid.exit();
    }
}
